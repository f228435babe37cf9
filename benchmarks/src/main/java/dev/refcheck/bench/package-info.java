/**
 * Benchmark harnesses. Each class says in its Javadoc what it compares and the command that runs it;
 * the figures go to docs/benchmarks.md.
 */
package dev.refcheck.bench;
