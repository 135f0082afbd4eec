import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import HealthCheck, settings  # noqa: E402

# No test depends on the machine's speed: Hypothesis's per-example deadline and its "too slow"
# health check would fail a correct test on a busy machine.
settings.register_profile("poai", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("poai")
