/**
 * Day-2 decisions against the live cluster, as pure functions of what the Kafka Admin API reports: the order and
 * safety of restarts, whether a pool may shrink, and the next change to the KRaft quorum. The reconciler does the
 * I/O (see {@code io.kstretch.reconcile.DayTwo}).
 */
package io.kstretch.operations;
