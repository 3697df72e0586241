/*
 * pcap-count: what libpcap reads from each capture, for the mutated-capture fuzz.
 *
 *   pcap-count FILE...
 *
 * One line per FILE: "open-error" when libpcap does not open it, else the number of packets
 * pcap_next_ex delivers before the end or an error, then the original (wire) length of each
 * packet, space-separated. Exit status 0; 2 on bad usage.
 */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv) {
    char errbuf[PCAP_ERRBUF_SIZE];
    if (argc < 2) {
        fprintf(stderr, "usage: pcap-count FILE...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        pcap_t *p = pcap_open_offline(argv[i], errbuf);
        if (p == NULL) {
            printf("open-error\n");
            continue;
        }
        struct pcap_pkthdr *h;
        const u_char *data;
        unsigned long n = 0;
        static unsigned lens[1 << 16];
        while (pcap_next_ex(p, &h, &data) == 1) {
            if (n < sizeof lens / sizeof lens[0]) lens[n] = h->len;
            n++;
        }
        printf("%lu", n);
        for (unsigned long k = 0; k < n && k < sizeof lens / sizeof lens[0]; k++) printf(" %u", lens[k]);
        printf("\n");
        pcap_close(p);
    }
    return 0;
}
