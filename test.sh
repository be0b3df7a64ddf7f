#!/usr/bin/env bash
# Runs every test, installing what it needs first (Debian's chromium when missing, npm packages, Pester from NuGet):
# PowerShell 7.6.9 (local dotnet tool), build and package the module (warnings are errors),
# then build.ps1 Test: every xunit project (dotnet test ChangeMgmt.slnx, which builds the server in Release)
# and the Pester tests; then the portal's browser tests (tests/browser: the Release server in local mode,
# headless /usr/bin/chromium through npm playwright-core; screenshots and logs in tests/browser/out/).
# Then the portal modules' node unit tests (tests/web: node --test, no browser, TZ=Asia/Tokyo),
# the Lambda@Edge sign-in function's node tests (lambda/edge-auth), and the CloudFormation templates'
# offline validation (deploy/: npm @aws/cloudformation-validate over deploy/*.yaml and the generated MSP stack).
# The browser, web unit and edge tests run even when the .NET or Pester tests failed; any failure fails the script.
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests drive Debian's chromium (npm playwright-core; never `npx playwright install`): installed when missing.
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian's chromium for the browser tests (apt-get)..."
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
# The Lambda package's Native AOT variant (build/DeployPackage.psm1) links with clang (plain clang, else clang-14) and zlib.
if ! command -v clang >/dev/null && ! command -v clang-14 >/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian's clang for the Native AOT server package (apt-get)..."
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang zlib1g-dev
fi
dotnet tool restore
dotnet pwsh -NoProfile -File ./build.ps1 Build
dotnet pwsh -NoProfile -File ./build.ps1 Package
status=0
dotnet pwsh -NoProfile -File ./build.ps1 Test || status=$?

browser=0
if [ -f tests/browser/package-lock.json ]; then
  npm ci --prefix tests/browser --no-audit --no-fund
else
  npm install --prefix tests/browser --no-audit --no-fund
fi
npm test --prefix tests/browser || browser=$?
# The TAP summary ("# pass N", "# fail N", ...), which .ci/run adds to its totals.
grep -E '^# (tests|pass|fail|cancelled|skipped|todo|duration_ms) ' tests/browser/out/tap.txt || { echo "no TAP summary from the browser tests" >&2; echo "# fail 1"; }

# The portal modules' unit tests (tests/web: node --test, no packages to install), summed the same way.
web=0
npm test --prefix tests/web || web=$?
grep -E '^# (tests|pass|fail|cancelled|skipped|todo|duration_ms) ' tests/web/out/tap.txt || { echo "no TAP summary from the web unit tests" >&2; echo "# fail 1"; }

# The Lambda@Edge sign-in function's tests (lambda/edge-auth: node --test; builds the bundle too), summed the same way.
edge=0
npm ci --prefix lambda/edge-auth --no-audit --no-fund
npm test --prefix lambda/edge-auth || edge=$?
grep -E '^# (tests|pass|fail|cancelled|skipped|todo|duration_ms) ' lambda/edge-auth/out/tap.txt || { echo "no TAP summary from the edge-auth tests" >&2; echo "# fail 1"; }

# The templates against the CloudFormation resource schemas (needs the module from build.ps1 Build to generate the MSP stack).
templates=0
npm ci --prefix deploy --no-audit --no-fund
npm test --prefix deploy || templates=$?
grep -E '^# (tests|pass|fail|cancelled|skipped|todo|duration_ms) ' deploy/out/tap.txt || { echo "no TAP summary from the template tests" >&2; echo "# fail 1"; }
if [ "$templates" -ne 0 ]; then echo "template validation failed (exit code $templates)" >&2; fi
if [ "$edge" -ne 0 ]; then echo "edge-auth tests failed (exit code $edge)" >&2; fi
if [ "$web" -ne 0 ]; then echo "web unit tests failed (exit code $web)" >&2; fi
if [ "$browser" -ne 0 ]; then echo "browser tests failed (exit code $browser); screenshots: tests/browser/out/screenshots/" >&2; fi
if [ "$status" -ne 0 ]; then echo ".NET/Pester tests failed (exit code $status)" >&2; fi
[ "$status" -eq 0 ] && [ "$browser" -eq 0 ] && [ "$web" -eq 0 ] && [ "$edge" -eq 0 ] && [ "$templates" -eq 0 ]
