package io.telemetryflow.platform.cache;

/** Whether the cluster-wide tier is in use; L1_ONLY is the degraded mode. */
public enum CacheMode {
    L1_AND_L2, L1_ONLY
}
