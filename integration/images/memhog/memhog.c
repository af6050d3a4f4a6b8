/* memhog MIB [SECONDS]: allocates MIB MiB one MiB at a time, writing every page
 * so the memory is really charged to the container's cgroup, then sleeps
 * SECONDS (default: until killed). Under a smaller memory limit the kernel's
 * OOM killer ends it part way, which is what herd's OOM tests look for.
 * SIGTERM and SIGINT end it at once: as a container's pid 1 it would otherwise
 * ignore them and every stop would wait for the kill. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_signal(int sig) { _exit(128 + sig); }

int main(int argc, char** argv) {
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  if (argc < 2 || argc > 3 || atol(argv[1]) <= 0) {
    fprintf(stderr, "usage: memhog MIB [SECONDS]\n");
    return 2;
  }
  long mib = atol(argv[1]);
  long seconds = argc == 3 ? atol(argv[2]) : -1;
  const size_t chunk = 1 << 20;
  for (long i = 1; i <= mib; ++i) {
    char* p = malloc(chunk);
    if (p == NULL) {
      fprintf(stderr, "memhog: malloc failed after %ld MiB\n", i - 1);
      return 1;
    }
    memset(p, 0xa5, chunk);
    if (i % 16 == 0 || i == mib) {
      printf("memhog: %ld MiB\n", i);
      fflush(stdout);
    }
  }
  printf("memhog: holding %ld MiB\n", mib);
  fflush(stdout);
  if (seconds < 0) {
    for (;;) pause();
  }
  sleep((unsigned)seconds);
  return 0;
}
