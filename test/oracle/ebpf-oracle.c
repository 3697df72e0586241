/*
 * eBPF oracle for the VFM tests: loads an ELF object with libbpf (which creates the maps and
 * relocates them, then the kernel verifier checks every program), then runs one program with
 * BPF_PROG_TEST_RUN over every packet of captures read with libpcap.
 *
 *   ebpf-oracle OBJECT                          load only; print "loaded"
 *   ebpf-oracle OBJECT fill=MAP:FILE ... ...    after loading, put each key of FILE (raw keys of the
 *                                               map's key size, back to back) into MAP with value 1
 *   ebpf-oracle OBJECT PROGRAM eth CAPTURE...   run PROGRAM on each whole frame
 *   ebpf-oracle OBJECT PROGRAM ip CAPTURE...    run only on untagged IPv4/IPv6 frames whose
 *                                               version nibble matches the EtherType, "-" else
 *
 * Per packet it prints the program's return value, or "E<errno>" when the kernel refuses the
 * test run (frames shorter than 14 bytes or longer than a page), or "E0" for frames above
 * 3000 bytes in eth (XDP) mode: a test run puts what exceeds one page into fragments that a
 * program without multi-buffer support never sees, as real drivers do not deliver them. A socket filter's test run
 * strips the Ethernet header (the program sees the IP header at offset 0); XDP sees the frame.
 * libbpf's few entry points are declared here, so only the runtime library libbpf1 is needed.
 */
#include <errno.h>
/* linux/bpf.h and pcap/bpf.h both define struct bpf_insn: rename the kernel's. */
#define bpf_insn linux_bpf_insn
#include <linux/bpf.h>
#undef bpf_insn
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct bpf_object;
struct bpf_program;
extern struct bpf_object *bpf_object__open_file(const char *path, const void *opts);
extern int bpf_object__load(struct bpf_object *obj);
extern struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj, const char *name);
extern int bpf_program__fd(const struct bpf_program *prog);
extern long libbpf_get_error(const void *ptr);
struct bpf_map;
extern struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name);
extern int bpf_map__fd(const struct bpf_map *map);
extern unsigned int bpf_map__key_size(const struct bpf_map *map);
extern int bpf_map_update_elem(int fd, const void *key, const void *value, unsigned long long flags);

/* fill=MAP:FILE: every key of FILE into MAP; returns 0 or prints why not. */
static int fill(struct bpf_object *obj, const char *arg) {
  char name[64];
  const char *colon = strchr(arg + 5, ':');
  if (colon == NULL || (size_t)(colon - (arg + 5)) >= sizeof name) { printf("bad %s\n", arg); return -1; }
  memcpy(name, arg + 5, (size_t)(colon - (arg + 5)));
  name[colon - (arg + 5)] = 0;
  struct bpf_map *map = bpf_object__find_map_by_name(obj, name);
  if (map == NULL) { printf("no map %s\n", name); return -1; }
  unsigned size = bpf_map__key_size(map);
  FILE *f = fopen(colon + 1, "rb");
  if (f == NULL) { printf("cannot open %s\n", colon + 1); return -1; }
  unsigned char key[64], one = 1;
  while (fread(key, 1, size, f) == size) {
    if (bpf_map_update_elem(bpf_map__fd(map), key, &one, 0) != 0) { printf("update %s failed: %s\n", name, strerror(errno)); fclose(f); return -1; }
  }
  fclose(f);
  return 0;
}

static int test_run(int fd, const void *data, unsigned size, unsigned *retval) {
  static unsigned char out[65536 + 4096];
  union bpf_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.test.prog_fd = (unsigned)fd;
  attr.test.data_in = (unsigned long)data;
  attr.test.data_size_in = size;
  attr.test.data_out = (unsigned long)out;
  attr.test.data_size_out = sizeof out;
  attr.test.repeat = 1;
  if (syscall(__NR_bpf, BPF_PROG_TEST_RUN, &attr, sizeof attr) != 0) return -errno;
  *retval = attr.test.retval;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: ebpf-oracle OBJECT [fill=MAP:FILE...] [PROGRAM eth|ip CAPTURE...]\n"); return 2; }
  struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
  if (obj == NULL || libbpf_get_error(obj) != 0) { printf("open failed: %s\n", strerror(errno)); return 3; }
  int err = bpf_object__load(obj);
  if (err != 0) { printf("load failed: %s\n", strerror(-err)); return 3; }
  /* Drop the fill= arguments once done, so that the rest reads as before. */
  int kept = 2;
  for (int a = 2; a < argc; a++) {
    if (strncmp(argv[a], "fill=", 5) == 0) {
      if (fill(obj, argv[a]) != 0) return 3;
    } else argv[kept++] = argv[a];
  }
  argc = kept;
  if (argc != 2 && argc < 5) { fprintf(stderr, "usage: ebpf-oracle OBJECT [fill=MAP:FILE...] [PROGRAM eth|ip CAPTURE...]\n"); return 2; }
  if (argc == 2) { printf("loaded\n"); return 0; }
  struct bpf_program *prog = bpf_object__find_program_by_name(obj, argv[2]);
  if (prog == NULL) { printf("no program %s\n", argv[2]); return 3; }
  int fd = bpf_program__fd(prog);
  int ip = strcmp(argv[3], "ip") == 0;
  for (int a = 4; a < argc; a++) {
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(argv[a], errbuf);
    if (p == NULL) { fprintf(stderr, "%s: %s\n", argv[a], errbuf); return 2; }
    struct pcap_pkthdr *h;
    const u_char *data;
    while (pcap_next_ex(p, &h, &data) == 1) {
      if (ip) {
        unsigned et = h->caplen >= 15 ? (unsigned)(data[12] << 8 | data[13]) : 0;
        unsigned v = h->caplen >= 15 ? data[14] >> 4 : 0;
        if (!((et == 0x0800 && v == 4) || (et == 0x86dd && v == 6))) { printf("-\n"); continue; }
      }
      if (!ip && h->caplen > 3000) { printf("E0\n"); continue; }
      unsigned retval = 0;
      int r = test_run(fd, data, h->caplen, &retval);
      if (r < 0) printf("E%d\n", -r);
      else printf("%u\n", retval);
    }
    pcap_close(p);
  }
  return 0;
}
