#!/usr/bin/env python3
"""Reproduce models/ from the mediapipe==0.10.14 wheel on PyPI and check the SHA-256.

The three .tflite files DanceLike ships are taken unmodified from Google's MediaPipe
wheel (Apache-2.0). This script downloads that wheel with pip (always the same
manylinux x86_64 / CPython 3.11 build, so it gives the same bytes on any machine),
extracts the models, checks each against the hashes in dancelike/vision/model_files.py
and only then writes them to models/ (or --dest). Exit code 1 on any mismatch or
download failure; nothing is written in that case.

    python scripts/fetch_models.py [--dest DIR] [--wheel PATH_TO_WHEEL]
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODEL_FILES_PY = REPO / "dancelike" / "vision" / "model_files.py"
REQUIREMENT = "mediapipe==0.10.14"

#: Model file name -> its path inside the mediapipe wheel.
WHEEL_PATHS: dict[str, str] = {
    "pose_detection.tflite": "mediapipe/modules/pose_detection/pose_detection.tflite",
    "pose_landmark_full.tflite": "mediapipe/modules/pose_landmark/pose_landmark_full.tflite",
    "selfie_segmentation.tflite": "mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite",
}


def expected_hashes(source: Path = MODEL_FILES_PY) -> dict[str, str]:
    """The ``MODEL_SHA256`` dict, read from model_files.py without importing the package.

    Parsing (not importing) means the script works before anything is installed.
    """
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "MODEL_SHA256" and node.value is not None:
            value = ast.literal_eval(node.value)
            if isinstance(value, dict):
                return {str(k): str(v) for k, v in value.items()}
    raise SystemExit(f"fetch_models: MODEL_SHA256 not found in {source}")


def download_wheel(into: Path) -> Path:
    """Download the mediapipe wheel (no dependencies) with pip and return its path."""
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--quiet",
        "--only-binary=:all:",
        "--platform",
        "manylinux2014_x86_64",
        "--python-version",
        "3.11",
        "--implementation",
        "cp",
        "--dest",
        str(into),
        REQUIREMENT,
    ]
    print(f"fetch_models: downloading {REQUIREMENT} from PyPI ...", file=sys.stderr)
    result = subprocess.run(cmd, check=False)
    if result.returncode != 0:
        raise SystemExit(f"fetch_models: pip download failed (exit {result.returncode}): {' '.join(cmd)}")
    wheels = sorted(into.glob("mediapipe-0.10.14-*.whl"))
    if not wheels:
        raise SystemExit(f"fetch_models: pip download produced no mediapipe wheel in {into}")
    return wheels[0]


def extract_models(wheel: Path, hashes: dict[str, str]) -> tuple[dict[str, bytes], list[str]]:
    """Read the models out of the wheel; return their bytes and a list of hash problems."""
    models: dict[str, bytes] = {}
    problems: list[str] = []
    with zipfile.ZipFile(wheel) as archive:
        for name, inner in WHEEL_PATHS.items():
            try:
                data = archive.read(inner)
            except KeyError:
                problems.append(f"{inner} not found in {wheel.name}")
                continue
            actual = hashlib.sha256(data).hexdigest()
            if actual != hashes.get(name):
                problems.append(f"{name}: SHA-256 {actual}, expected {hashes.get(name)}")
            models[name] = data
    return models, problems


def main(argv: list[str] | None = None) -> int:
    """Fetch, verify and write the models; 0 on success, 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=REPO / "models", help="output folder (default: models/)")
    parser.add_argument("--wheel", type=Path, help="use this already downloaded mediapipe 0.10.14 wheel")
    args = parser.parse_args(argv)

    hashes = expected_hashes()
    try:
        with tempfile.TemporaryDirectory(prefix="dancelike-models-") as tmp:
            wheel = args.wheel if args.wheel else download_wheel(Path(tmp))
            models, problems = extract_models(wheel, hashes)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 1
    if problems:
        for problem in problems:
            print(f"fetch_models: {problem}", file=sys.stderr)
        print("fetch_models: hash mismatch, nothing written", file=sys.stderr)
        return 1

    args.dest.mkdir(parents=True, exist_ok=True)
    for name, data in models.items():
        out = args.dest / name
        out.write_bytes(data)
        print(f"wrote {out} ({len(data)} bytes, SHA-256 {hashes[name]}) from {wheel.name}:{WHEEL_PATHS[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
