#!/usr/bin/env bash
# One-step set-up for kgen development: native build prerequisites (only where a source build is needed),
# npm dependencies, the Python interop peer, the compiled package, and the local stack's downloads.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# librdkafka build prerequisites. @confluentinc/kafka-javascript first tries its prebuilt binary (normal
# machines with internet); where that download is impossible it builds the bundled librdkafka from source,
# which needs these headers. Installing them is harmless where the prebuilt is used.
DEB_PACKAGES=(libssl-dev zlib1g-dev libzstd-dev libcurl4-openssl-dev libsasl2-dev liblz4-dev)
if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  missing=()
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    say "installing Debian packages for a librdkafka source build: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  say "not a Debian system: if the prebuilt librdkafka binary cannot be downloaded, install OpenSSL, zlib, zstd, lz4, libcurl and Cyrus SASL development headers"
fi

# Link librdkafka dynamically against the system libraries when it has to be built from source.
say "npm ci"
CKJS_LINKING=dynamic npm ci --no-audit --no-fund

say "building the package"
npm run -s build

# Python confluent-kafka: an independent wire-format peer for interop tests.
if command -v python3 >/dev/null; then
  if [ ! -x .cache/pyenv/bin/python ]; then
    say "creating .cache/pyenv for the Python interop peer"
    python3 -m venv .cache/pyenv
  fi
  .cache/pyenv/bin/pip install -q --disable-pip-version-check -r test/interop/python/requirements.txt
else
  say "python3 not found: Python interop tests will be skipped"
fi

say "done. Next: npm run demo (typed produce/consume) or npm test (unit + integration on a real local stack)"
