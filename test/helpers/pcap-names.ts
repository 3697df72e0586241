// The system's protocol and service names for tests (the shared expressions use
// /etc/services and /etc/protocols names, as libpcap reads them).

import { systemPcapNames } from '../../src/node/pcap-names.js';

export const SYSTEM_NAMES = systemPcapNames();
