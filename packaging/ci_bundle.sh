#!/usr/bin/env bash
# CI: build the folder bundle with PyInstaller and run the *built* executable's --self-test
# offscreen, so that a missing hidden import, library or data file fails the build.
# Usage: packaging/ci_bundle.sh PYTHON_OR_VENV   (an environment with the app installed)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

target=${1:?usage: packaging/ci_bundle.sh PATH_TO_PYTHON_OR_VENV}
if [ -d "$target" ]; then
    python="$target/bin/python"
    [ -x "$python" ] || python="$target/Scripts/python.exe"
else
    python=$target
fi
[ -x "$python" ] || { echo "no python at $python" >&2; exit 1; }

# What Qt and the bundle need from the system (see that script).
bash packaging/ci_system_libs.sh

# PyInstaller, at the version pinned in pyproject.toml's `package` extra.
package_extra=()
while IFS= read -r requirement; do
    package_extra+=("$requirement")
done < <("$python" -c '
import tomllib
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["optional-dependencies"]["package"]))')
echo "+ pip install ${package_extra[*]}"
"$python" -m pip install --quiet --disable-pip-version-check "${package_extra[@]}"

export QT_QPA_PLATFORM=offscreen
"$python" packaging/build.py --self-test
echo "bundle built and self-tested in $((SECONDS - started)) s"
