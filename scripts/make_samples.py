"""Build the sample submissions in sample_data/ the way a county bureau would fill them in.

    python scripts/make_samples.py            # writes sample_data/*.xlsx

Each workbook looks like a real statistical form: a merged title row, a reporter line, Chinese
headers with units, a 序号 column, mixed spellings of yes/no (是/否, √/×, 有/无), a 合计 row and a
footer. Every sample is made from fixed data or a fixed seed, so the files are the same on every
machine; some targets are met and some are not. One module per sample lives in scripts/samples/.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "sample_data"


def builders() -> dict:
    """FILE name -> build function, for every module in scripts/samples/."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import samples

    found = {}
    for info in pkgutil.iter_modules(samples.__path__):
        module = importlib.import_module(f"samples.{info.name}")
        if hasattr(module, "build"):
            found[module.FILE] = module.build
    return dict(sorted(found.items()))


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, build in builders().items():
        build(out / name)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
