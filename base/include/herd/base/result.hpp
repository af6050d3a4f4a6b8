#pragma once

#include <optional>
#include <utility>

#include "herd/base/check.hpp"
#include "herd/base/status.hpp"

namespace herd {

/// A value of type T, or the non-OK Status explaining why there is none.
///
/// Requires: a Result is never built from an OK Status (HERD_CHECK aborts).
/// Reading value() of a failed Result is a bug and aborts too.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    HERD_CHECK(!status_.ok()) << "Result built from an OK status";
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  const T& value() const& { check_ok(); return *value_; }
  T& value() & { check_ok(); return *value_; }
  T&& value() && { check_ok(); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  void check_ok() const { HERD_CHECK(ok()) << "value() of a failed Result: " << status_.to_string(); }

  Status status_;
  std::optional<T> value_;
};

}  // namespace herd

#define HERD_CONCAT_INNER_(a, b) a##b
#define HERD_CONCAT_(a, b) HERD_CONCAT_INNER_(a, b)

/// Evaluates `expr` (a Result<T>); returns its Status when it failed, else
/// moves its value into `lhs` (a declaration such as `auto x` or a variable).
#define HERD_ASSIGN_OR_RETURN(lhs, expr) \
  HERD_ASSIGN_OR_RETURN_IMPL_(HERD_CONCAT_(herd_result_, __LINE__), lhs, expr)
#define HERD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
