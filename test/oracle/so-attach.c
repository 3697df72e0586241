/*
 * Kernel check for classic BPF programs: attach each program (tcpdump -ddd text) with
 * SO_ATTACH_FILTER to an AF_INET UDP socket bound to 127.0.0.1, printing "ok" or the errno
 * text per program. With --deliver, also send one datagram to the socket over loopback and
 * print "delivered" or "filtered" (only loopback traffic, ever).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int read_program(const char *path, struct sock_filter *prog) {
  FILE *f = fopen(path, "r");
  if (f == NULL) { perror(path); exit(2); }
  int n;
  if (fscanf(f, "%d", &n) != 1 || n <= 0 || n > 4096) { fprintf(stderr, "%s: bad count\n", path); exit(2); }
  for (int i = 0; i < n; i++) {
    unsigned code, jt, jf, k;
    if (fscanf(f, "%u %u %u %u", &code, &jt, &jf, &k) != 4) { fprintf(stderr, "%s: bad line\n", path); exit(2); }
    prog[i] = (struct sock_filter){ (unsigned short)code, (unsigned char)jt, (unsigned char)jf, k };
  }
  fclose(f);
  return n;
}

int main(int argc, char **argv) {
  int deliver = argc > 1 && strcmp(argv[1], "--deliver") == 0;
  static struct sock_filter prog[4096];
  for (int a = deliver ? 2 : 1; a < argc; a++) {
    int n = read_program(argv[a], prog);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK), .sin_port = 0 };
    socklen_t alen = sizeof addr;
    if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || getsockname(s, (struct sockaddr *)&addr, &alen) != 0) {
      printf("socket: %s\n", strerror(errno));
      return 2;
    }
    struct sock_fprog fprog = { .len = (unsigned short)n, .filter = prog };
    if (setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog) != 0) {
      printf("%s\n", strerror(errno));
      close(s);
      continue;
    }
    if (!deliver) {
      printf("ok\n");
    } else {
      int c = socket(AF_INET, SOCK_DGRAM, 0);
      const char msg[] = "vfm loopback probe";
      sendto(c, msg, sizeof msg, 0, (struct sockaddr *)&addr, sizeof addr);
      struct pollfd pfd = { .fd = s, .events = POLLIN };
      printf("%s\n", poll(&pfd, 1, 200) == 1 ? "delivered" : "filtered");
      close(c);
    }
    close(s);
  }
  return 0;
}
