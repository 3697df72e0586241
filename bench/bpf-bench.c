/*
 * The libpcap baseline of `npm run bench`: compiles tcpdump expressions with pcap_compile and
 * times bpf_filter over the benchmark's frames, read from a .pkt file (records of a u16
 * little-endian length and the frame bytes). Built by bench/run.ts with gcc and -lpcap.
 *
 * usage: bpf-bench FRAMES.pkt MODE HOT_FRAMES RUNS REPEATS EXPR...
 *   MODE hot:  the first HOT_FRAMES frames cycled until RUNS packets were filtered
 *   MODE cold: every frame once (RUNS is ignored)
 *   MODE verdicts: no timing; HOT_FRAMES, RUNS and REPEATS are ignored
 * Prints one line per expression: `INDEX ACCEPTED CPU_NS/WALL_NS...` (one pair per repeat after
 * an untimed warm-up pass, which also counts ACCEPTED: ns per packet of process CPU time and of
 * wall-clock time), or in verdicts mode
 * `INDEX ACCEPTED VERDICTS` with one character per frame, 1 accepted, 0 not.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: %s FRAMES.pkt hot|cold HOT_FRAMES RUNS REPEATS EXPR...\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *data = malloc((size_t)size);
  if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  fclose(f);
  size_t cap = 1 << 20, count = 0;
  const unsigned char **frames = malloc(cap * sizeof *frames);
  unsigned *lengths = malloc(cap * sizeof *lengths);
  for (long at = 0; at + 2 <= size;) {
    unsigned len = data[at] | (data[at + 1] << 8);
    if (len == 0 || at + 2 + len > size) {
      fprintf(stderr, "bad record at byte offset %ld\n", at);
      return 2;
    }
    if (count == cap) {
      cap *= 2;
      frames = realloc(frames, cap * sizeof *frames);
      lengths = realloc(lengths, cap * sizeof *lengths);
    }
    frames[count] = data + at + 2;
    lengths[count] = len;
    count++;
    at += 2 + len;
  }
  if (strcmp(argv[2], "hot") != 0 && strcmp(argv[2], "cold") != 0 && strcmp(argv[2], "verdicts") != 0) {
    fprintf(stderr, "unknown mode '%s': expected hot, cold or verdicts\n", argv[2]);
    return 2;
  }
  int hot = strcmp(argv[2], "hot") == 0;
  size_t hotFrames = (size_t)atol(argv[3]);
  size_t runs = hot ? (size_t)atol(argv[4]) : count;
  int repeats = atoi(argv[5]);
  if (hot && (hotFrames == 0 || hotFrames > count)) hotFrames = count;
  pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
  for (int e = 6; e < argc; e++) {
    struct bpf_program prog;
    if (pcap_compile(dead, &prog, argv[e], 1, PCAP_NETMASK_UNKNOWN) != 0) {
      fprintf(stderr, "pcap_compile '%s': %s\n", argv[e], pcap_geterr(dead));
      return 1;
    }
    size_t accepted = 0;
    printf("%d", e - 6);
    if (strcmp(argv[2], "verdicts") == 0) {
      char *line = malloc(count + 1);
      for (size_t i = 0; i < count; i++) {
        int ok = bpf_filter(prog.bf_insns, frames[i], lengths[i], lengths[i]) != 0;
        line[i] = ok ? '1' : '0';
        accepted += (size_t)ok;
      }
      line[count] = '\0';
      printf(" %zu %s\n", accepted, line);
      free(line);
      pcap_freecode(&prog);
      continue;
    }
    for (int r = -1; r < repeats; r++) { /* r = -1 is the warm-up pass */
      size_t acc = 0;
      double c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
      double t0 = now_ns(CLOCK_MONOTONIC);
      if (hot) {
        size_t k = 0;
        for (size_t i = 0; i < runs; i++) {
          if (bpf_filter(prog.bf_insns, frames[k], lengths[k], lengths[k]) != 0) acc++;
          if (++k == hotFrames) k = 0;
        }
      } else {
        for (size_t i = 0; i < runs; i++)
          if (bpf_filter(prog.bf_insns, frames[i], lengths[i], lengths[i]) != 0) acc++;
      }
      double t1 = now_ns(CLOCK_MONOTONIC);
      double c1 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
      if (r < 0) {
        accepted = acc;
        printf(" %zu", accepted);
      } else {
        printf(" %.3f/%.3f", (c1 - c0) / (double)runs, (t1 - t0) / (double)runs);
      }
    }
    printf("\n");
    fflush(stdout);
    pcap_freecode(&prog);
  }
  pcap_close(dead);
  return 0;
}
