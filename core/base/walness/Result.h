#pragma once

#include <string>
#include <utility>
#include <variant>

namespace walness {

// What kind of failure: callers choose exit codes and reactions by the kind, never by the text.
enum class ErrorKind {
  Failure,      // it went wrong for a reason the input does not explain (disk, library, bug)
  BadInput,     // the input (a file, a value, an id) is wrong: fix it and try again
  NotFound,     // what was asked for does not exist (a pet, a check, a bundle)
  Unavailable,  // a server or the history cannot be reached now; nothing was changed
};

// Why an operation failed, in words a user can act on (name the file and the reason), and its
// kind.
struct Error {
  std::string message;
  ErrorKind kind = ErrorKind::Failure;
};

struct Ok {};

// A value or an Error: what core returns across module borders instead of throwing.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const& { return ok() ? std::get<T>(data_) : std::move(fallback); }

  const Error& error() const { return std::get<Error>(data_); }
  const std::string& message() const { return error().message; }

 private:
  std::variant<T, Error> data_;
};

// For operations that return nothing but may fail.
using Status = Result<Ok>;

}  // namespace walness
