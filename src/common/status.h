// Status and Result<T>: how project code reports failures that are not our bugs.
// A Status is cheap when OK (a null pointer); errors carry a code and a message that
// names what was expected and what was found. Both are values: thread-safe to copy.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "common/check.h"

namespace sluice {

enum class StatusCode {
  kOk,
  kInvalid,     // bad user input: options, schemas, SQL
  kParseError,  // bad bytes in a data file
  kIOError,
  kNotFound,
  kAlreadyExists,
  kOutOfMemory,  // a MemoryTracker limit was reached
  kCancelled,
  kNotImplemented,
  kInternal,  // a broken invariant: a bug in Sluice, not in the input
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status OK() { return Status(); }
  static Status Invalid(std::string msg) { return {StatusCode::kInvalid, std::move(msg)}; }
  static Status ParseError(std::string msg) { return {StatusCode::kParseError, std::move(msg)}; }
  static Status IOError(std::string msg) { return {StatusCode::kIOError, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) {
    return {StatusCode::kAlreadyExists, std::move(msg)};
  }
  static Status OutOfMemory(std::string msg) { return {StatusCode::kOutOfMemory, std::move(msg)}; }
  static Status Cancelled(std::string msg) { return {StatusCode::kCancelled, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }
  static Status NotImplemented(std::string msg) {
    return {StatusCode::kNotImplemented, std::move(msg)};
  }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return ok() ? StatusCode::kOk : state_->code; }
  const std::string& message() const;
  // "ParseError: <message>"; "OK" when ok.
  std::string ToString() const;
  // Adds context in front of the message, keeping the code: "reading x.csv: <message>".
  Status WithContext(const std::string& context) const;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const State> state_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : storage_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : storage_(std::move(status)) {  // NOLINT: implicit by design
    SLUICE_CHECK(!std::get<Status>(storage_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(storage_); }
  Status status() const { return ok() ? Status::OK() : std::get<Status>(storage_); }
  const T& ValueOrDie() const& {
    SLUICE_CHECK(ok());
    return std::get<T>(storage_);
  }
  T& ValueOrDie() & {
    SLUICE_CHECK(ok());
    return std::get<T>(storage_);
  }
  T ValueOrDie() && {
    SLUICE_CHECK(ok());
    return std::move(std::get<T>(storage_));
  }
  const T& operator*() const& { return ValueOrDie(); }
  T& operator*() & { return ValueOrDie(); }
  T operator*() && { return std::move(*this).ValueOrDie(); }
  const T* operator->() const { return &ValueOrDie(); }
  T* operator->() { return &ValueOrDie(); }

 private:
  std::variant<Status, T> storage_;
};

}  // namespace sluice

#define SLUICE_CONCAT_INNER(a, b) a##b
#define SLUICE_CONCAT(a, b) SLUICE_CONCAT_INNER(a, b)

#define SLUICE_RETURN_NOT_OK(expr)           \
  do {                                       \
    ::sluice::Status _sluice_st = (expr);    \
    if (!_sluice_st.ok()) return _sluice_st; \
  } while (false)

#define SLUICE_ASSIGN_OR_RAISE_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).ValueOrDie()

#define SLUICE_ASSIGN_OR_RAISE(lhs, expr) \
  SLUICE_ASSIGN_OR_RAISE_IMPL(SLUICE_CONCAT(_sluice_res_, __COUNTER__), lhs, expr)
