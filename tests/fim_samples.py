"""Where tests find the real FIM exports of ``shared/data/fim`` (tests may read the shared
data; the platform never does): beside the checkout, or at /work/shared."""

from pathlib import Path

CANDIDATES = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "fim",
    Path("/work/shared/data/fim"),
)
FIM_DIR = next((path for path in CANDIDATES if path.is_dir()), CANDIDATES[-1])
