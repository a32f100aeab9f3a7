// Printing of statements (ast_printer.h); expressions and queries are in ast_printer.cc.
#include "sql/ast_printer.h"

namespace sluice::sql {
namespace {

class StatementPrinter {
 public:
  std::string Take() { return std::move(out_); }

  void Properties(const char* keyword, const PropertyList& properties) {
    if (properties.empty()) return;
    out_ += ' ';
    out_ += keyword;
    out_ += " (";
    for (size_t i = 0; i < properties.size(); ++i) {
      if (i) out_ += ", ";
      out_ += QuoteSqlString(properties[i].first);
      out_ += ' ';
      out_ += QuoteSqlString(properties[i].second);
    }
    out_ += ')';
  }

  void Columns(const std::vector<ColumnDefinition>& columns) {
    out_ += " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i) out_ += ", ";
      out_ += QuoteSqlName(columns[i].name);
      if (columns[i].type) out_ += ' ' + columns[i].type->ToString();
      if (!columns[i].nullable) out_ += " NOT NULL";
      if (columns[i].comment) {
        out_ += " COMMENT ";
        out_ += QuoteSqlString(*columns[i].comment);
      }
    }
    out_ += ')';
  }

  void Partition(const PartitionSpec& spec) {
    out_ += " PARTITION (";
    for (size_t i = 0; i < spec.size(); ++i) {
      if (i) out_ += ", ";
      out_ += QuoteSqlName(spec[i].column);
      if (spec[i].value) {
        out_ += " = ";
        out_ += ToSql(*spec[i].value);
      }
    }
    out_ += ')';
  }

  void StatementText(const Statement& s) {
    switch (s.kind) {
      case StatementKind::kQuery:
        out_ += ToSql(*s.As<QueryStatement>().query);
        return;
      case StatementKind::kCreateView: {
        const auto& v = s.As<CreateView>();
        out_ += "CREATE ";
        if (v.or_replace) out_ += "OR REPLACE ";
        if (v.global) out_ += "GLOBAL ";
        if (v.temporary) out_ += "TEMPORARY ";
        out_ += "VIEW ";
        if (v.if_not_exists) out_ += "IF NOT EXISTS ";
        out_ += QuoteSqlName(v.name);
        if (!v.columns.empty()) Columns(v.columns);
        if (!v.using_format.empty()) {
          out_ += " USING " + v.using_format;
          Properties("OPTIONS", v.options);
          return;
        }
        if (v.comment) {
          out_ += " COMMENT ";
          out_ += QuoteSqlString(*v.comment);
        }
        Properties("TBLPROPERTIES", v.properties);
        out_ += " AS ";
        out_ += ToSql(*v.query);
        return;
      }
      case StatementKind::kCreateTable: {
        const auto& t = s.As<CreateTable>();
        out_ += "CREATE ";
        if (t.or_replace) out_ += "OR REPLACE ";
        if (t.external) out_ += "EXTERNAL ";
        out_ += "TABLE ";
        if (t.if_not_exists) out_ += "IF NOT EXISTS ";
        out_ += QuoteSqlName(t.name);
        if (!t.columns.empty()) Columns(t.columns);
        if (!t.using_format.empty()) out_ += " USING " + t.using_format;
        Properties("OPTIONS", t.options);
        if (!t.partitioned_by.empty()) {
          out_ += " PARTITIONED BY";
          Columns(t.partitioned_by);
        }
        if (t.location) {
          out_ += " LOCATION ";
          out_ += QuoteSqlString(*t.location);
        }
        if (t.comment) {
          out_ += " COMMENT ";
          out_ += QuoteSqlString(*t.comment);
        }
        Properties("TBLPROPERTIES", t.properties);
        if (t.query) {
          out_ += " AS ";
          out_ += ToSql(*t.query);
        }
        return;
      }
      case StatementKind::kInsert: {
        const auto& i = s.As<Insert>();
        out_ += i.overwrite ? "INSERT OVERWRITE TABLE " : "INSERT INTO TABLE ";
        out_ += QuoteSqlName(i.table);
        if (!i.partition.empty()) Partition(i.partition);
        if (i.if_not_exists) out_ += " IF NOT EXISTS";
        if (!i.columns.empty()) {
          out_ += ' ';
          out_ += '(';
          for (size_t c = 0; c < i.columns.size(); ++c) {
            out_ += (c ? ", " : "") + QuoteSqlName(i.columns[c]);
          }
          out_ += ')';
        }
        out_ += ' ';
        out_ += ToSql(*i.query);
        return;
      }
      case StatementKind::kInsertDirectory: {
        const auto& d = s.As<InsertDirectory>();
        out_ += d.local ? "INSERT OVERWRITE LOCAL DIRECTORY " : "INSERT OVERWRITE DIRECTORY ";
        if (d.path) {
          out_ += QuoteSqlString(*d.path);
          out_ += ' ';
        }
        out_ += "USING ";
        out_ += QuoteSqlName(d.using_format);
        Properties("OPTIONS", d.options);
        out_ += ' ';
        out_ += ToSql(*d.query);
        return;
      }
      case StatementKind::kAlterTablePartitions: {
        const auto& a = s.As<AlterTablePartitions>();
        out_ += "ALTER TABLE ";
        out_ += QuoteSqlName(a.table);
        out_ += a.add ? " ADD" : " DROP";
        if (a.if_clause) out_ += a.add ? " IF NOT EXISTS" : " IF EXISTS";
        for (size_t i = 0; i < a.partitions.size(); ++i) {
          if (i && !a.add) out_ += ',';
          Partition(a.partitions[i]);
          if (a.add && a.locations[i]) {
            out_ += " LOCATION ";
            out_ += QuoteSqlString(*a.locations[i]);
          }
        }
        if (a.purge) out_ += " PURGE";
        return;
      }
      case StatementKind::kDrop: {
        const auto& d = s.As<Drop>();
        static const char* const kObjects[] = {"TABLE ", "VIEW ", "", "FUNCTION "};
        out_ += "DROP ";
        if (d.temporary) out_ += "TEMPORARY ";
        out_ += d.object == ObjectKind::kDatabase ? d.database_keyword + ' '
                                                  : kObjects[static_cast<int>(d.object)];
        if (d.if_exists) out_ += "IF EXISTS ";
        out_ += QuoteSqlName(d.name);
        if (d.purge) out_ += " PURGE";
        if (d.cascade) out_ += " CASCADE";
        return;
      }
      case StatementKind::kSet: {
        const auto& set = s.As<Set>();
        switch (set.form) {
          case Set::Form::kList:
            out_ += "SET";
            return;
          case Set::Form::kListVerbose:
            out_ += "SET -v";
            return;
          case Set::Form::kShow:
            out_ += "SET " + set.key;
            return;
          case Set::Form::kAssign:
            out_ += "SET " + set.key + "=" + set.value;
            return;
          case Set::Form::kTimeZone:
            out_ += "SET TIME ZONE ";
            if (set.local_zone) {
              out_ += "LOCAL";
            } else if (set.value.rfind("INTERVAL", 0) == 0 || set.value.rfind("interval", 0) == 0) {
              out_ += set.value;
            } else {
              out_ += QuoteSqlString(set.value);
            }
            return;
        }
        return;
      }
      case StatementKind::kReset: {
        out_ += "RESET";
        if (!s.As<Reset>().key.empty()) out_ += ' ' + s.As<Reset>().key;
        return;
      }
      case StatementKind::kUse:
        out_ += "USE ";
        out_ += QuoteSqlName(s.As<Use>().name);
        return;
      case StatementKind::kCreateDatabase: {
        const auto& d = s.As<CreateDatabase>();
        out_ += "CREATE " + d.keyword + ' ';
        if (d.if_not_exists) out_ += "IF NOT EXISTS ";
        out_ += QuoteSqlName(d.name);
        if (d.comment) {
          out_ += " COMMENT ";
          out_ += QuoteSqlString(*d.comment);
        }
        if (d.location) {
          out_ += " LOCATION ";
          out_ += QuoteSqlString(*d.location);
        }
        Properties("WITH DBPROPERTIES", d.properties);
        return;
      }
      case StatementKind::kShow:
        return ShowText(s.As<Show>());
      case StatementKind::kDescribe:
        return DescribeText(s.As<Describe>());
      case StatementKind::kExplain: {
        const auto& e = s.As<Explain>();
        static const char* const kModes[] = {"",         "EXTENDED ", "FORMATTED ",
                                             "ANALYZE ", "CODEGEN ",  "COST "};
        out_ += "EXPLAIN ";
        out_ += kModes[static_cast<int>(e.mode)];
        StatementText(*e.statement);
        return;
      }
      case StatementKind::kCache: {
        const auto& c = s.As<Cache>();
        out_ += c.lazy ? "CACHE LAZY TABLE " : "CACHE TABLE ";
        out_ += QuoteSqlName(c.name);
        Properties("OPTIONS", c.options);
        if (c.query) {
          out_ += " AS ";
          out_ += ToSql(*c.query);
        }
        return;
      }
      case StatementKind::kUncache:
        out_ += s.As<Uncache>().if_exists ? "UNCACHE TABLE IF EXISTS " : "UNCACHE TABLE ";
        out_ += QuoteSqlName(s.As<Uncache>().name);
        return;
      case StatementKind::kClearCache:
        out_ += "CLEAR CACHE";
        return;
    }
  }

  void ShowText(const Show& s) {
    out_ += "SHOW ";
    switch (s.what) {
      case Show::What::kTables:
      case Show::What::kViews:
      case Show::What::kDatabases:
        out_ += s.what == Show::What::kTables  ? "TABLES"
                : s.what == Show::What::kViews ? "VIEWS"
                                               : "DATABASES";
        if (!s.name.empty()) {
          out_ += " IN ";
          out_ += QuoteSqlName(s.name);
        }
        break;
      case Show::What::kPartitions:
        out_ += "PARTITIONS ";
        out_ += QuoteSqlName(s.name);
        break;
      case Show::What::kColumns:
        out_ += "COLUMNS IN ";
        out_ += QuoteSqlName(s.name);
        if (!s.namespace_.empty()) {
          out_ += " IN ";
          out_ += QuoteSqlName(s.namespace_);
        }
        break;
      case Show::What::kFunctions:
        if (!s.function_scope.empty()) out_ += s.function_scope + ' ';
        out_ += "FUNCTIONS";
        if (!s.namespace_.empty()) {
          out_ += " IN ";
          out_ += QuoteSqlName(s.namespace_);
        }
        if (!s.name.empty()) {
          out_ += " LIKE ";
          out_ += QuoteSqlName(s.name);
        }
        break;
    }
    if (s.pattern) {
      out_ += " LIKE ";
      out_ += QuoteSqlString(*s.pattern);
    }
  }

  void DescribeText(const Describe& d) {
    out_ += "DESCRIBE ";
    switch (d.what) {
      case Describe::What::kQuery:
        out_ += "QUERY ";
        out_ += ToSql(*d.query);
        return;
      case Describe::What::kFunction:
        out_ += d.extended ? "FUNCTION EXTENDED " : "FUNCTION ";
        out_ += QuoteSqlString(d.name.size() == 1 ? d.name[0] : JoinDots(d.name));
        return;
      case Describe::What::kDatabase:
        out_ += d.extended ? "DATABASE EXTENDED " : "DATABASE ";
        out_ += QuoteSqlName(d.name);
        return;
      case Describe::What::kTable:
        out_ += "TABLE ";
        if (d.extended) out_ += "EXTENDED ";
        if (d.formatted) out_ += "FORMATTED ";
        out_ += QuoteSqlName(d.name);
        if (!d.partition.empty()) Partition(d.partition);
        if (!d.column.empty()) {
          out_ += ' ';
          out_ += QuoteSqlName(d.column);
        }
        return;
    }
  }

  static std::string JoinDots(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + parts[i];
    return out;
  }

 private:
  std::string out_;
};

}  // namespace

std::string ToSql(const Statement& statement) {
  StatementPrinter p;
  p.StatementText(statement);
  return p.Take();
}

}  // namespace sluice::sql
