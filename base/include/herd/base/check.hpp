#pragma once

#include <sstream>

namespace herd::internal {

/// Collects the message of a failed check, prints it with the location and
/// aborts when destroyed. Used only through HERD_CHECK / HERD_DCHECK.
class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition);
  [[noreturn]] ~CheckFailure();
  template <class T>
  CheckFailure& operator<<(const T& value) {
    stream_ << value;
    return *this;
  }

 private:
  std::ostringstream stream_;
};

/// Swallows the stream expression of a check that passed.
struct CheckVoidify {
  void operator&(const CheckFailure&) {}
};

}  // namespace herd::internal

/// Aborts with a message when `condition` is false, in every build. Only for
/// invariants of herd's own code, never for anything input or the
/// environment controls (those return a Status). Extra context can be
/// streamed: HERD_CHECK(n > 0) << "n=" << n;
#define HERD_CHECK(condition)                                    \
  (condition) ? (void)0                                          \
              : ::herd::internal::CheckVoidify() &               \
                    ::herd::internal::CheckFailure(__FILE__, __LINE__, #condition)

#ifdef NDEBUG
#define HERD_DCHECK(condition) \
  true ? (void)0 : ::herd::internal::CheckVoidify() & ::herd::internal::CheckFailure(__FILE__, __LINE__, #condition)
#else
/// HERD_CHECK in debug builds only.
#define HERD_DCHECK(condition) HERD_CHECK(condition)
#endif
