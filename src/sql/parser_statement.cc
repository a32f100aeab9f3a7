// Statement rules: DDL, INSERT, SET/RESET/USE, SHOW, DESCRIBE, EXPLAIN and caching.
#include <cctype>
#include <iterator>

#include "sql/parser_impl.h"

namespace sluice::sql {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A backquoted configuration key or value stands for its content.
std::string Unquote(std::string_view s) {
  s = Trim(s);
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

}  // namespace

std::string_view Parser::RestOfStatement() {
  size_t begin = TextOffset(Cur()), end = begin;
  while (!AtEnd() && !IsOp(";")) {
    end = TextOffset(Cur()) + Cur().length;
    Advance();
  }
  return text_.substr(begin, end - begin);
}

Result<StatementPtr> Parser::StatementRule() {
  SourcePos pos = Cur().pos;
  if (IsKw("WITH")) {
    SLUICE_ASSIGN_OR_RAISE(std::vector<Cte> ctes, WithClause());
    if (IsKw("INSERT")) {
      // WITH ... INSERT ...: the CTEs belong to the inserted query, as in Spark.
      SLUICE_ASSIGN_OR_RAISE(StatementPtr insert, InsertRule());
      Query& query = insert->kind == StatementKind::kInsert
                         ? *static_cast<Insert&>(*insert).query
                         : *static_cast<InsertDirectory&>(*insert).query;
      query.ctes.insert(query.ctes.begin(), std::make_move_iterator(ctes.begin()),
                        std::make_move_iterator(ctes.end()));
      return insert;
    }
    auto node = Make<QueryStatement>(pos);
    SLUICE_ASSIGN_OR_RAISE(node->query, QueryAfterWith(pos, std::move(ctes)));
    return StatementPtr(std::move(node));
  }
  if (IsQueryStart() || IsOp("(")) {
    auto node = Make<QueryStatement>(pos);
    SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
    return StatementPtr(std::move(node));
  }
  if (IsKw("CREATE")) return Create();
  if (IsKw("INSERT")) return InsertRule();
  if (IsKw("ALTER")) return AlterRule();
  if (IsKw("DROP")) return DropRule();
  if (IsKw("SET")) return SetRule();
  if (IsKw("SHOW")) return ShowRule();
  if (IsKw("DESC") || IsKw("DESCRIBE")) return DescribeRule();
  if (IsKw("CACHE") || IsKw("UNCACHE") || IsKw("CLEAR")) return CacheRule();
  if (AcceptKw("RESET")) {
    auto node = Make<Reset>(pos);
    node->key = Unquote(RestOfStatement());
    return StatementPtr(std::move(node));
  }
  if (AcceptKw("USE")) {
    auto node = Make<Use>(pos);
    if ((IsKw("DATABASE") || IsKw("SCHEMA") || IsKw("NAMESPACE")) && IsIdentifier(1)) Advance();
    SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    return StatementPtr(std::move(node));
  }
  if (AcceptKw("EXPLAIN")) {
    DepthGuard guard(*this);  // EXPLAIN EXPLAIN ...
    if (guard.TooDeep()) return TooDeep();
    auto node = Make<Explain>(pos);
    using Mode = Explain::Mode;
    const std::pair<std::string_view, Mode> modes[] = {
        {"EXTENDED", Mode::kExtended}, {"FORMATTED", Mode::kFormatted}, {"ANALYZE", Mode::kAnalyze},
        {"CODEGEN", Mode::kCodegen},   {"COST", Mode::kCost},           {"LOGICAL", Mode::kSimple}};
    for (const auto& [word, mode] : modes) {
      if (AcceptKw(word)) {
        node->mode = mode;
        break;
      }
    }
    SLUICE_ASSIGN_OR_RAISE(node->statement, StatementRule());
    return StatementPtr(std::move(node));
  }
  return Fail("a statement (SELECT, WITH, VALUES, CREATE, INSERT, DROP, SET, SHOW, DESCRIBE, ...)");
}

Result<PropertyList> Parser::PropertyListRule() {
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  PropertyList properties;
  do {
    std::string key;
    if (Cur().kind == TokenKind::kString) {
      SLUICE_ASSIGN_OR_RAISE(key, StringLiteral());
    } else {
      SLUICE_ASSIGN_OR_RAISE(key, DottedName());
    }
    AcceptOp("=");
    std::string value;
    if (Cur().kind == TokenKind::kString) {
      SLUICE_ASSIGN_OR_RAISE(value, StringLiteral());
    } else if (Cur().kind == TokenKind::kNumber || IsKw("TRUE") || IsKw("FALSE")) {
      value = Cur().value;
      Advance();
    } else if ((IsOp("-") || IsOp("+")) && Ahead(1).kind == TokenKind::kNumber) {
      value = Cur().value + Ahead(1).value;
      pos_ += 2;
    } else {
      return Fail("a property value (a string, number or boolean)");
    }
    properties.emplace_back(std::move(key), std::move(value));
  } while (AcceptOp(","));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return properties;
}

Result<PartitionSpec> Parser::PartitionSpecRule() {
  SLUICE_RETURN_NOT_OK(ExpectKw("PARTITION"));
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  PartitionSpec spec;
  do {
    PartitionSpecItem item;
    item.pos = Cur().pos;
    SLUICE_ASSIGN_OR_RAISE(item.column, Identifier());
    if (AcceptOp("=")) {
      SLUICE_ASSIGN_OR_RAISE(item.value, UnaryExpression());
    }
    spec.push_back(std::move(item));
  } while (AcceptOp(","));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return spec;
}

Result<std::vector<ColumnDefinition>> Parser::ColumnDefinitions(bool types_required) {
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  std::vector<ColumnDefinition> columns;
  do {
    ColumnDefinition column;
    column.pos = Cur().pos;
    SLUICE_ASSIGN_OR_RAISE(column.name, Identifier());
    if (types_required || !(IsOp(",") || IsOp(")") || IsKw("COMMENT"))) {
      AcceptOp(":");
      SLUICE_ASSIGN_OR_RAISE(column.type, DataType());
      if (AcceptKw("NOT")) {
        SLUICE_RETURN_NOT_OK(ExpectKw("NULL"));
        column.nullable = false;
      }
    }
    if (AcceptKw("COMMENT")) {
      SLUICE_ASSIGN_OR_RAISE(column.comment, StringLiteral());
    }
    columns.push_back(std::move(column));
  } while (AcceptOp(","));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return columns;
}

Result<StatementPtr> Parser::Create() {
  SourcePos pos = Cur().pos;
  Advance();  // CREATE
  bool or_replace = false;
  if (AcceptKw("OR")) {
    SLUICE_RETURN_NOT_OK(ExpectKw("REPLACE"));
    or_replace = true;
  }
  if (IsKw("DATABASE") || IsKw("SCHEMA") || IsKw("NAMESPACE")) {
    auto node = Make<CreateDatabase>(pos);
    node->keyword = Upper(Cur().value);
    Advance();
    SLUICE_ASSIGN_OR_RAISE(node->if_not_exists, IfNotExists());
    SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    while (true) {
      if (AcceptKw("COMMENT")) {
        SLUICE_ASSIGN_OR_RAISE(node->comment, StringLiteral());
      } else if (AcceptKw("LOCATION")) {
        SLUICE_ASSIGN_OR_RAISE(node->location, StringLiteral());
      } else if (IsKw("WITH") && (IsKw("DBPROPERTIES", 1) || IsKw("PROPERTIES", 1))) {
        pos_ += 2;
        SLUICE_ASSIGN_OR_RAISE(node->properties, PropertyListRule());
      } else {
        break;
      }
    }
    return StatementPtr(std::move(node));
  }
  bool external = AcceptKw("EXTERNAL");
  if (AcceptKw("TABLE")) return CreateTableRest(pos, or_replace, external);
  if (!external && (IsKw("GLOBAL") || IsKw("TEMPORARY") || IsKw("TEMP") || IsKw("VIEW"))) {
    return CreateViewRest(pos, or_replace);
  }
  return Fail("TABLE, VIEW, TEMPORARY VIEW or DATABASE");
}

Result<StatementPtr> Parser::CreateViewRest(SourcePos pos, bool or_replace) {
  auto node = Make<CreateView>(pos);
  node->or_replace = or_replace;
  node->global = AcceptKw("GLOBAL");
  node->temporary = AcceptKw("TEMPORARY") || AcceptKw("TEMP");
  if (node->global && !node->temporary) return Fail("TEMPORARY");
  SLUICE_RETURN_NOT_OK(ExpectKw("VIEW"));
  SLUICE_ASSIGN_OR_RAISE(node->if_not_exists, IfNotExists());
  SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
  if (IsOp("(")) {
    SLUICE_ASSIGN_OR_RAISE(node->columns, ColumnDefinitions(/*types_required=*/false));
  }
  if (AcceptKw("USING")) {
    SLUICE_ASSIGN_OR_RAISE(node->using_format, DottedName());
    if (AcceptKw("OPTIONS")) {
      SLUICE_ASSIGN_OR_RAISE(node->options, PropertyListRule());
    }
    return StatementPtr(std::move(node));
  }
  while (true) {
    if (AcceptKw("COMMENT")) {
      SLUICE_ASSIGN_OR_RAISE(node->comment, StringLiteral());
    } else if (AcceptKw("TBLPROPERTIES")) {
      SLUICE_ASSIGN_OR_RAISE(node->properties, PropertyListRule());
    } else {
      break;
    }
  }
  SLUICE_RETURN_NOT_OK(ExpectKw("AS"));
  SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::CreateTableRest(SourcePos pos, bool or_replace, bool external) {
  auto node = Make<CreateTable>(pos);
  node->or_replace = or_replace;
  node->external = external;
  SLUICE_ASSIGN_OR_RAISE(node->if_not_exists, IfNotExists());
  SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
  if (IsOp("(") && !IsQueryStart(1)) {
    SLUICE_ASSIGN_OR_RAISE(node->columns, ColumnDefinitions(/*types_required=*/true));
  }
  if (AcceptKw("USING")) {
    SLUICE_ASSIGN_OR_RAISE(node->using_format, DottedName());
  }
  while (true) {
    if (AcceptKw("OPTIONS")) {
      SLUICE_ASSIGN_OR_RAISE(node->options, PropertyListRule());
    } else if (IsKw("PARTITIONED") && IsKw("BY", 1)) {
      pos_ += 2;
      SLUICE_ASSIGN_OR_RAISE(node->partitioned_by, ColumnDefinitions(/*types_required=*/false));
    } else if (AcceptKw("LOCATION")) {
      SLUICE_ASSIGN_OR_RAISE(node->location, StringLiteral());
    } else if (AcceptKw("COMMENT")) {
      SLUICE_ASSIGN_OR_RAISE(node->comment, StringLiteral());
    } else if (AcceptKw("TBLPROPERTIES")) {
      SLUICE_ASSIGN_OR_RAISE(node->properties, PropertyListRule());
    } else {
      break;
    }
  }
  if (AcceptKw("AS") || IsQueryStart() || IsOp("(")) {
    SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
  }
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::InsertRule() {
  SourcePos pos = Cur().pos;
  Advance();  // INSERT
  bool overwrite = AcceptKw("OVERWRITE");
  if (!overwrite) SLUICE_RETURN_NOT_OK(ExpectKw("INTO"));
  if (overwrite && (IsKw("DIRECTORY") || (IsKw("LOCAL") && IsKw("DIRECTORY", 1)))) {
    auto node = Make<InsertDirectory>(pos);
    node->local = AcceptKw("LOCAL");
    Advance();  // DIRECTORY
    if (Cur().kind == TokenKind::kString) {
      SLUICE_ASSIGN_OR_RAISE(node->path, StringLiteral());
    }
    SLUICE_RETURN_NOT_OK(ExpectKw("USING"));
    SLUICE_ASSIGN_OR_RAISE(node->using_format, Identifier());
    if (AcceptKw("OPTIONS")) {
      SLUICE_ASSIGN_OR_RAISE(node->options, PropertyListRule());
    }
    SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
    return StatementPtr(std::move(node));
  }
  auto node = Make<Insert>(pos);
  node->overwrite = overwrite;
  AcceptKw("TABLE");
  SLUICE_ASSIGN_OR_RAISE(node->table, QualifiedName());
  if (IsKw("PARTITION") && IsOp("(", 1)) {
    SLUICE_ASSIGN_OR_RAISE(node->partition, PartitionSpecRule());
  }
  SLUICE_ASSIGN_OR_RAISE(node->if_not_exists, IfNotExists());
  if (IsOp("(") && !IsQueryStart(1) && !IsOp("(", 1)) {
    SLUICE_ASSIGN_OR_RAISE(node->columns, IdentifierList());
  }
  SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::AlterRule() {
  auto node = Make<AlterTablePartitions>(Cur().pos);
  Advance();  // ALTER
  if (!AcceptKw("TABLE") && !AcceptKw("VIEW")) return Fail("TABLE");
  SLUICE_ASSIGN_OR_RAISE(node->table, QualifiedName());
  if (AcceptKw("ADD")) {
    node->add = true;
    SLUICE_ASSIGN_OR_RAISE(node->if_clause, IfNotExists());
    do {
      SLUICE_ASSIGN_OR_RAISE(PartitionSpec spec, PartitionSpecRule());
      node->partitions.push_back(std::move(spec));
      std::optional<std::string> location;
      if (AcceptKw("LOCATION")) {
        SLUICE_ASSIGN_OR_RAISE(location, StringLiteral());
      }
      node->locations.push_back(std::move(location));
    } while (IsKw("PARTITION"));
  } else if (AcceptKw("DROP")) {
    node->add = false;
    node->if_clause = IfExists();
    do {
      SLUICE_ASSIGN_OR_RAISE(PartitionSpec spec, PartitionSpecRule());
      node->partitions.push_back(std::move(spec));
    } while (AcceptOp(","));
    node->purge = AcceptKw("PURGE");
  } else {
    return Fail("ADD PARTITION or DROP PARTITION");
  }
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::DropRule() {
  auto node = Make<Drop>(Cur().pos);
  Advance();  // DROP
  node->temporary = AcceptKw("TEMPORARY");
  if (!node->temporary && AcceptKw("TABLE")) {
    node->object = ObjectKind::kTable;
  } else if (!node->temporary && AcceptKw("VIEW")) {
    node->object = ObjectKind::kView;
  } else if (!node->temporary && (IsKw("DATABASE") || IsKw("SCHEMA") || IsKw("NAMESPACE"))) {
    node->object = ObjectKind::kDatabase;
    node->database_keyword = Upper(Cur().value);
    Advance();
  } else if (AcceptKw("FUNCTION")) {
    node->object = ObjectKind::kFunction;
  } else {
    return Fail("TABLE, VIEW, DATABASE or FUNCTION");
  }
  node->if_exists = IfExists();
  SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
  if (node->object == ObjectKind::kTable) node->purge = AcceptKw("PURGE");
  if (node->object == ObjectKind::kDatabase) {
    node->cascade = AcceptKw("CASCADE");
    if (!node->cascade) AcceptKw("RESTRICT");
  }
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::SetRule() {
  auto node = Make<Set>(Cur().pos);
  Advance();  // SET
  if (AtEnd() || IsOp(";")) {
    node->form = Set::Form::kList;
  } else if (IsOp("-") && IsKw("V", 1) && (Ahead(2).kind == TokenKind::kEnd || IsOp(";", 2))) {
    pos_ += 2;
    node->form = Set::Form::kListVerbose;
  } else if (IsKw("TIME") && IsKw("ZONE", 1)) {
    pos_ += 2;
    node->form = Set::Form::kTimeZone;
    if (AcceptKw("LOCAL")) {
      node->local_zone = true;
      node->value = "LOCAL";
    } else if (Cur().kind == TokenKind::kString) {
      SLUICE_ASSIGN_OR_RAISE(node->value, StringLiteral());
    } else {
      node->value = std::string(Trim(RestOfStatement()));  // INTERVAL '..' HOURS, as written
    }
  } else {
    std::string_view text = RestOfStatement();
    size_t eq = text.find('=');
    if (eq == std::string_view::npos) {
      node->form = Set::Form::kShow;
      node->key = Unquote(text);
    } else {
      node->form = Set::Form::kAssign;
      node->key = Unquote(text.substr(0, eq));
      node->value = Unquote(text.substr(eq + 1));
      if (node->key.empty()) return Fail("a configuration key before '='");
    }
  }
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::ShowRule() {
  auto node = Make<Show>(Cur().pos);
  Advance();  // SHOW
  auto pattern = [&]() -> Status {
    bool like = AcceptKw("LIKE");
    if (Cur().kind == TokenKind::kString) {
      SLUICE_ASSIGN_OR_RAISE(node->pattern, StringLiteral());
    } else if (like) {
      return Fail("a pattern string");
    }
    return Status::OK();
  };
  auto from_namespace = [&](std::vector<std::string>& into) -> Status {
    if (AcceptKw("FROM") || AcceptKw("IN")) {
      SLUICE_ASSIGN_OR_RAISE(into, QualifiedName());
    }
    return Status::OK();
  };
  const bool databases = IsKw("DATABASES") || IsKw("SCHEMAS") || IsKw("NAMESPACES");
  if (IsKw("TABLES") || IsKw("VIEWS") || databases) {
    node->what = databases       ? Show::What::kDatabases
                 : IsKw("VIEWS") ? Show::What::kViews
                                 : Show::What::kTables;
    Advance();
    SLUICE_RETURN_NOT_OK(from_namespace(node->name));
    SLUICE_RETURN_NOT_OK(pattern());
  } else if (AcceptKw("PARTITIONS")) {
    node->what = Show::What::kPartitions;
    SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
  } else if (AcceptKw("COLUMNS")) {
    node->what = Show::What::kColumns;
    if (!AcceptKw("FROM") && !AcceptKw("IN")) return Fail("FROM or IN");
    SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    SLUICE_RETURN_NOT_OK(from_namespace(node->namespace_));
  } else if (IsKw("FUNCTIONS") || IsKw("FUNCTIONS", 1)) {
    node->what = Show::What::kFunctions;
    if (!IsKw("FUNCTIONS")) {
      node->function_scope = Upper(Cur().value);
      Advance();
    }
    Advance();  // FUNCTIONS
    SLUICE_RETURN_NOT_OK(from_namespace(node->namespace_));
    bool like = AcceptKw("LIKE");
    if (Cur().kind == TokenKind::kString) {
      SLUICE_ASSIGN_OR_RAISE(node->pattern, StringLiteral());
    } else if (IsIdentifier()) {
      SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    } else if (like) {
      return Fail("a function name or pattern");
    }
  } else {
    return Fail("TABLES, VIEWS, DATABASES, FUNCTIONS, COLUMNS or PARTITIONS");
  }
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::DescribeRule() {
  auto node = Make<Describe>(Cur().pos);
  Advance();  // DESC / DESCRIBE
  if (AcceptKw("FUNCTION")) {
    node->what = Describe::What::kFunction;
    node->extended = AcceptKw("EXTENDED");
    if (Cur().kind == TokenKind::kString) {
      SLUICE_ASSIGN_OR_RAISE(std::string name, StringLiteral());
      node->name.push_back(std::move(name));
    } else if (IsIdentifier()) {
      SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    } else if (Cur().kind == TokenKind::kOperator || Cur().kind == TokenKind::kWord) {
      node->name.push_back(Cur().value);  // DESCRIBE FUNCTION + / DESCRIBE FUNCTION <=>
      Advance();
    } else {
      return Fail("a function name");
    }
    return StatementPtr(std::move(node));
  }
  if ((IsKw("DATABASE") || IsKw("SCHEMA") || IsKw("NAMESPACE")) &&
      (IsIdentifier(1) && !IsOp(".", 2) && !IsOp(";", 1))) {
    Advance();
    node->what = Describe::What::kDatabase;
    node->extended = AcceptKw("EXTENDED");
    SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    return StatementPtr(std::move(node));
  }
  // DESCRIBE TABLE t is the table, not the query "TABLE t" (that needs DESCRIBE QUERY).
  bool query = IsKw("QUERY") && (IsQueryStart(1) || IsOp("(", 1));
  if (query) Advance();
  if (query || (!IsKw("TABLE") && (IsQueryStart() || IsOp("(")))) {
    node->what = Describe::What::kQuery;
    SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
    return StatementPtr(std::move(node));
  }
  if (IsKw("TABLE") && IsIdentifier(1)) Advance();
  if (IsKw("EXTENDED") && IsIdentifier(1)) {
    node->extended = true;
    Advance();
  } else if (IsKw("FORMATTED") && IsIdentifier(1)) {
    node->formatted = true;
    Advance();
  }
  SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
  if (IsKw("PARTITION") && IsOp("(", 1)) {
    SLUICE_ASSIGN_OR_RAISE(node->partition, PartitionSpecRule());
  }
  if (IsIdentifier()) {
    SLUICE_ASSIGN_OR_RAISE(node->column, QualifiedName());
  }
  return StatementPtr(std::move(node));
}

Result<StatementPtr> Parser::CacheRule() {
  SourcePos pos = Cur().pos;
  if (AcceptKw("CLEAR")) {
    SLUICE_RETURN_NOT_OK(ExpectKw("CACHE"));
    return StatementPtr(Make<ClearCache>(pos));
  }
  if (AcceptKw("UNCACHE")) {
    auto node = Make<Uncache>(pos);
    SLUICE_RETURN_NOT_OK(ExpectKw("TABLE"));
    node->if_exists = IfExists();
    SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    return StatementPtr(std::move(node));
  }
  Advance();  // CACHE
  auto node = Make<Cache>(pos);
  node->lazy = AcceptKw("LAZY");
  SLUICE_RETURN_NOT_OK(ExpectKw("TABLE"));
  SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
  if (AcceptKw("OPTIONS")) {
    SLUICE_ASSIGN_OR_RAISE(node->options, PropertyListRule());
  }
  if (AcceptKw("AS") || IsQueryStart() || IsOp("(")) {
    SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
  }
  return StatementPtr(std::move(node));
}

}  // namespace sluice::sql
