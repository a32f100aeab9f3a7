#include "sql_shell.h"

#include <editline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "commands.h"
#include "sql/lexer.h"

namespace sluice::cli {

namespace {

std::atomic<bool> interrupted{false};

void OnInterrupt(int) { interrupted.store(true); }

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.sluice_history";
}

}  // namespace

bool EndsWithCompleteStatement(const std::string& text) {
  Result<std::vector<sql::Token>> tokens = sql::Tokenize(text);
  if (!tokens.ok()) {
    // An unclosed quote or comment: the statement goes on. Another lexical error is
    // reported by running the statement.
    const std::string& m = tokens.status().message();
    return m.find("not closed") == std::string::npos &&
           m.find("UNCLOSED_BRACKETED_COMMENT") == std::string::npos;
  }
  const std::vector<sql::Token>& t = *tokens;
  return t.size() >= 2 && t[t.size() - 2].IsOperator(";");
}

int RunSqlShell(main::Connection& connection,
                const std::function<Status(const main::QueryResult&)>& print) {
  const std::string history = HistoryPath();
  using_history();
  read_history(history.c_str());
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  connection.set_cancel_flag(&interrupted);
  std::printf("Sluice SQL shell. End statements with ';'. Ctrl-C cancels, Ctrl-D exits.\n");
  std::string pending;
  while (true) {
    interrupted.store(false);
    char* line = readline(pending.empty() ? "sluice> " : "     -> ");
    if (line == nullptr) {       // Ctrl-D
      if (interrupted.load()) {  // Ctrl-C while typing: drop the statement, keep going
        pending.clear();
        std::printf("\n");
        continue;
      }
      std::printf("\n");
      break;
    }
    std::string text(line);
    std::free(line);
    if (interrupted.load()) {
      pending.clear();
      continue;
    }
    if (text.find_first_not_of(" \t") == std::string::npos && pending.empty()) continue;
    pending += (pending.empty() ? "" : "\n") + text;
    if (!EndsWithCompleteStatement(pending)) continue;
    add_history(pending.c_str());
    Status st = connection.Execute(pending, print);
    pending.clear();
    if (!st.ok()) {
      if (st.code() == StatusCode::kCancelled)
        std::fprintf(stderr, "Query cancelled.\n");
      else
        std::fprintf(stderr, "sluice: %s\n", st.message().c_str());
    }
  }
  write_history(history.c_str());
  return 0;
}

}  // namespace sluice::cli
