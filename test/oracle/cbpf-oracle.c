/*
 * Classic BPF oracle for the VFM tests: runs a classic BPF program with libpcap's own
 * bpf_filter() (after bpf_validate()) over every packet of one or more captures read with
 * libpcap, so that the verdicts come from the reference implementation, not from VFM.
 *
 *   cbpf-oracle dump CAPTURE...          print "hex-bytes" per packet (caplen bytes)
 *   cbpf-oracle run PROGRAM CAPTURE...   PROGRAM is tcpdump -ddd text; print the return
 *                                        value of bpf_filter per packet, one per line
 *   cbpf-oracle run-ip PROGRAM CAPTURE...  the same on the bytes after the 14-byte Ethernet
 *                                        header, for untagged IPv4/IPv6 frames whose version
 *                                        nibble matches the EtherType; "-" for other packets
 *
 * bpf_filter gets caplen as both the wire and the buffer length, because the VFM machine sees
 * exactly the captured bytes (its LEN is the captured length).
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct bpf_insn *read_program(const char *path, int *count) {
  FILE *f = fopen(path, "r");
  if (f == NULL) { perror(path); exit(2); }
  int n;
  if (fscanf(f, "%d", &n) != 1 || n <= 0 || n > 4096) { fprintf(stderr, "%s: bad count\n", path); exit(2); }
  struct bpf_insn *prog = calloc((size_t)n, sizeof *prog);
  for (int i = 0; i < n; i++) {
    unsigned code, jt, jf, k;
    if (fscanf(f, "%u %u %u %u", &code, &jt, &jf, &k) != 4) { fprintf(stderr, "%s: bad line %d\n", path, i + 2); exit(2); }
    prog[i].code = (unsigned short)code;
    prog[i].jt = (unsigned char)jt;
    prog[i].jf = (unsigned char)jf;
    prog[i].k = k;
  }
  fclose(f);
  *count = n;
  return prog;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: cbpf-oracle dump CAPTURE... | run PROGRAM CAPTURE...\n"); return 2; }
  int ip = strcmp(argv[1], "run-ip") == 0;
  int run = ip || strcmp(argv[1], "run") == 0;
  int first = run ? 3 : 2;
  struct bpf_insn *prog = NULL;
  int count = 0;
  if (run) {
    prog = read_program(argv[2], &count);
    if (!bpf_validate(prog, count)) { printf("invalid\n"); return 1; }
  }
  for (int a = first; a < argc; a++) {
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(argv[a], err);
    if (p == NULL) { fprintf(stderr, "%s: %s\n", argv[a], err); return 2; }
    struct pcap_pkthdr *h;
    const u_char *data;
    int r;
    while ((r = pcap_next_ex(p, &h, &data)) == 1) {
      if (ip) {
        unsigned et = h->caplen >= 15 ? (unsigned)(data[12] << 8 | data[13]) : 0;
        unsigned v = h->caplen >= 15 ? data[14] >> 4 : 0;
        if ((et == 0x0800 && v == 4) || (et == 0x86dd && v == 6))
          printf("%u\n", bpf_filter(prog, data + 14, h->caplen - 14, h->caplen - 14));
        else
          printf("-\n");
      } else if (run) {
        printf("%u\n", bpf_filter(prog, data, h->caplen, h->caplen));
      } else {
        for (bpf_u_int32 i = 0; i < h->caplen; i++) printf("%02x", data[i]);
        putchar('\n');
      }
    }
    pcap_close(p);
  }
  free(prog);
  return 0;
}
