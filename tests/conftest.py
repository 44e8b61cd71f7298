"""Suite-wide test settings.

Hypothesis runs derandomised (the same examples every run, so CI is reproducible) without a
per-example deadline (the CI machine has 2 cores shared by the whole suite); tests that need more
or fewer examples set them with ``@settings``.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "netlytics",
    deadline=None,
    max_examples=40,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("netlytics")
