using MlOps.Core.Data.Csv;
using MlOps.Testing;

namespace MlOps.Core.Tests.Data.Csv;

/// <summary>
/// CSV injection: cells of files people open are neutralised (a leading single quote inside quotes) as OWASP
/// recommends, numbers are left alone, and files only the product reads keep every value exactly.
/// </summary>
public sealed class CsvFieldEscaperTests
{
    public static TheoryData<string> Payloads => new(OwaspCsvPayloads.All);

    public static TheoryData<string> Numbers => new(OwaspCsvPayloads.Numbers);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void EscapeForSpreadsheet_OwaspPayload_OneQuotedCellStartingWithASingleQuote(string payload)
    {
        string cell = CsvFieldEscaper.EscapeForSpreadsheet(payload);

        Assert.StartsWith("\"'", cell, StringComparison.Ordinal);
        string[] row = ReadBack($"{cell},next");
        Assert.Equal(["'" + payload, "next"], row); // one cell, the payload behind the quote, nothing spilled into the next
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void EscapeForSpreadsheet_SignedNumber_LeftAsItIs(string number)
    {
        Assert.Equal(number, CsvFieldEscaper.EscapeForSpreadsheet(number));
        Assert.False(CsvFieldEscaper.StartsFormula(number));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with, comma")]
    [InlineData("say \"hi\"")]
    [InlineData("a=b")]
    [InlineData("")]
    public void EscapeForSpreadsheet_OrdinaryText_SameAsRfc4180(string text)
    {
        Assert.Equal(CsvFieldEscaper.Escape(text), CsvFieldEscaper.EscapeForSpreadsheet(text));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Escape_OwaspPayload_ReadsBackExactly(string payload)
    {
        Assert.Equal([payload, "next"], ReadBack($"{CsvFieldEscaper.Escape(payload)},next"));
    }

    [Theory]
    [InlineData("1,-2.5,a-b", "1,-2.5,a-b")]
    [InlineData("a=b,-3,+4", "a=b,-3,+4")]
    [InlineData("\"say \"\"hi\"\"\",-1,@", "\"say \"\"hi\"\"\",-1,\"'@\"")]
    [InlineData("1,-2.5,=1+1", "1,-2.5,\"'=1+1\"")]
    [InlineData("-x,2,3", "\"'-x\",2,3")]
    [InlineData("\"=cmd\",1,x-", "\"'=cmd\",1,x-")]
    [InlineData("1,\"a,=b\",2", "1,\"a,=b\",2")]
    public void RecordForSpreadsheet_Record_AsReadUnlessACellStartsAFormula(string record, string written)
    {
        using CsvRecordReader reader = CsvTestInput.OpenText($"a,b,c\n{record}\n");
        Assert.True(reader.Read());
        Assert.Equal(written, CsvFieldEscaper.RecordForSpreadsheet(reader));
    }

    private static string[] ReadBack(string line)
    {
        using CsvRecordReader reader = CsvTestInput.OpenText($"a,b\n{line}\n");
        return Assert.Single(CsvTestInput.ReadAll(reader));
    }
}
