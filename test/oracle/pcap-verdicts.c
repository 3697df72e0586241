/*
 * pcap-verdicts: libpcap as an oracle for filter tests.
 *
 *   pcap-verdicts CAPTURE EXPR...
 *
 * Prints "linktype N" first. For an Ethernet capture (DLT_EN10MB) it compiles every
 * tcpdump EXPR with the capture's link type and snap length, then prints one line per
 * packet: the captured bytes in hex, a space, and one verdict character per EXPR
 * ('1' match, '0' no match) from pcap_offline_filter. Other link types stop after the
 * first line. Exit status: 0 ok, 2 cannot open, 3 an EXPR does not compile (the line
 * "error I MESSAGE" names it), 4 a read error part way ("truncated" line before it).
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    char errbuf[PCAP_ERRBUF_SIZE];
    if (argc < 2) {
        fprintf(stderr, "usage: pcap-verdicts CAPTURE EXPR...\n");
        return 2;
    }
    pcap_t *p = pcap_open_offline(argv[1], errbuf);
    if (p == NULL) {
        printf("open-error %s\n", errbuf);
        return 2;
    }
    int linktype = pcap_datalink(p);
    printf("linktype %d\n", linktype);
    if (linktype != DLT_EN10MB) {
        pcap_close(p);
        return 0;
    }
    int n = argc - 2;
    struct bpf_program *progs = calloc((size_t)(n > 0 ? n : 1), sizeof *progs);
    for (int i = 0; i < n; i++) {
        if (pcap_compile(p, &progs[i], argv[i + 2], 1, PCAP_NETMASK_UNKNOWN) != 0) {
            printf("error %d %s\n", i, pcap_geterr(p));
            return 3;
        }
    }
    struct pcap_pkthdr *hdr;
    const u_char *data;
    int rc;
    char *verdicts = malloc((size_t)n + 1);
    while ((rc = pcap_next_ex(p, &hdr, &data)) == 1) {
        for (bpf_u_int32 k = 0; k < hdr->caplen; k++) printf("%02x", data[k]);
        for (int i = 0; i < n; i++) verdicts[i] = pcap_offline_filter(&progs[i], hdr, data) ? '1' : '0';
        verdicts[n] = '\0';
        printf(" %s %u\n", verdicts, hdr->len);
    }
    if (rc == -1) {
        printf("truncated %s\n", pcap_geterr(p));
        return 4;
    }
    for (int i = 0; i < n; i++) pcap_freecode(&progs[i]);
    free(progs);
    free(verdicts);
    pcap_close(p);
    return 0;
}
