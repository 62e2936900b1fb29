/**
 * The metric store's API, open to the modules above monitoring (alerting, reporting): series are a
 * metric name and labels, samples a millisecond timestamp and a finite double. Everything reads and
 * writes through {@link io.opsguard.monitoring.store.MetricStore}, so the embedded store and the
 * VictoriaMetrics one are interchangeable by configuration ({@code opsguard.monitoring.store}).
 */
@org.springframework.modulith.NamedInterface("store")
package io.opsguard.monitoring.store;
