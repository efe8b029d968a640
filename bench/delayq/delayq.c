/* NFQUEUE constant-delay daemon: holds every queued packet for DELAY_US, then accepts it.
 * Build: gcc -O2 -o delayq delayq.c -lnetfilter_queue -lnfnetlink   (Debian: libnetfilter-queue-dev, iptables)
 * Use, inside a network namespace:  ./delayq QUEUE_NUM DELAY_US &
 *   iptables -A INPUT -i eth0 -j NFQUEUE --queue-num QUEUE_NUM --queue-bypass
 * Put it on INPUT (ingress): on OUTPUT, TCP small queues throttle the sender. RTT between two delayed
 * namespaces grows by 2*DELAY_US; measure it with `ping -U`.
 * Copied from the shared tools (kstretch: /work/shared/tools/delayq.c); changed here: waits with ppoll and a
 * nanosecond timeout instead of poll's milliseconds (rounding up to the next millisecond added up to 1 ms per hop),
 * and checks its arguments. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define RING (1 << 20)
static uint32_t ids[RING]; static uint64_t due[RING]; static size_t head, tail;
static uint64_t delay_ns; static struct nfq_q_handle *qh;
static uint64_t now_ns(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000ull + t.tv_nsec; }
static int cb(struct nfq_q_handle *q, struct nfgenmsg *m, struct nfq_data *nfa, void *d) {
  struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa); uint32_t id = ph ? ntohl(ph->packet_id) : 0;
  if (delay_ns == 0 || ((tail + 1) % RING) == head) return nfq_set_verdict(q, id, NF_ACCEPT, 0, NULL);
  ids[tail] = id; due[tail] = now_ns() + delay_ns; tail = (tail + 1) % RING; return 0;
}
int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: delayq QUEUE_NUM DELAY_US\n"); return 2; }
  delay_ns = (uint64_t)atoll(argv[2]) * 1000ull;
  struct nfq_handle *h = nfq_open(); if (!h) { perror("nfq_open"); return 1; } nfq_unbind_pf(h, AF_INET); nfq_bind_pf(h, AF_INET);
  qh = nfq_create_queue(h, atoi(argv[1]), &cb, NULL); if (!qh) { perror("nfq_create_queue"); return 1; } nfq_set_mode(qh, NFQNL_COPY_META, 0);
  nfq_set_queue_maxlen(qh, 200000); nfq_set_queue_flags(qh, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO);
  int fd = nfq_fd(h), rcv = 64 << 20; setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof rcv);
  char buf[65536];
  for (;;) {
    struct timespec ts, *to = NULL;
    if (head != tail) { uint64_t t = now_ns(), w = due[head] > t ? due[head] - t : 0; ts.tv_sec = w / 1000000000ull; ts.tv_nsec = w % 1000000000ull; to = &ts; }
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (ppoll(&p, 1, to, NULL) > 0) for (int i = 0; i < 64; i++) { int n = recv(fd, buf, sizeof buf, MSG_DONTWAIT); if (n < 0) { if (errno == ENOBUFS) continue; break; } nfq_handle_packet(h, buf, n); }
    uint64_t t = now_ns(); while (head != tail && due[head] <= t) { nfq_set_verdict(qh, ids[head], NF_ACCEPT, 0, NULL); head = (head + 1) % RING; }
  }
}
