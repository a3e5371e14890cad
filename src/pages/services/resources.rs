//! Scaffold: the service's resource usage (replaced by its component).
