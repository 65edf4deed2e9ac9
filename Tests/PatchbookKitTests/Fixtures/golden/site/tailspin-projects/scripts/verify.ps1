# patchbook: checks that this server of 'Tailspin Projects' shows 'October 2008 cumulative update'.
# Run on each server after the Configuration Wizard: powershell -ExecutionPolicy Bypass -File verify.ps1
# Exit code 0 when every value matches, 1 otherwise. Written for PowerShell 1.0 and later.
$ErrorActionPreference = 'Stop'
$failed = 0

function Check($what, $actual, $expected) {
    # Information only: a check the catalog gives no value for is never a failure.
    if ($expected -eq $null) { Write-Host ("INFO {0}: {1} (the catalog gives no value to expect)" -f $what, $actual); return }
    if ("$actual" -eq $expected) { Write-Host ("OK   {0}: {1}" -f $what, $actual) }
    else { Write-Host ("FAIL {0}: {1}, expected {2}" -f $what, $actual, $expected); $script:failed = 1 }
}

# 32-bit PowerShell on a 64-bit server reports x86 here and the real architecture in PROCESSOR_ARCHITEW6432.
$arch = 'x86'
if ($env:PROCESSOR_ARCHITECTURE -eq 'AMD64' -or $env:PROCESSOR_ARCHITEW6432 -eq 'AMD64') { $arch = 'x64' }
if ($arch -eq 'x86') {
    # A missing key or file is a finding to report, not a reason to stop the script.
    $item = Get-ItemProperty -Path ('Registry::' + 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Shared Tools\Web Server Extensions\12.0') -ErrorAction SilentlyContinue
    $value = 'not found'
    if ($item) { $value = $item.'Version' }
    Check ('Registry ' + 'Version') $value $null
}
exit $failed
