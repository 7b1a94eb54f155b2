using System.Text;
using MlOps.Core.Data.Csv;
using static MlOps.Core.Tests.Data.Csv.CsvTestInput;

namespace MlOps.Core.Tests.Data.Csv;

public class CsvRecordReaderTests
{
    [Fact]
    public void Read_MessyRealWorldFile_ParsesEveryRecord()
    {
        using CsvRecordReader reader = OpenFixture("messy.csv");

        Assert.Equal(["id", "city", "temperature", "comment", "grade"], reader.Header);
        List<string[]> rows = ReadAll(reader);
        Assert.Equal(7, rows.Count);
        Assert.Equal(["1", "Paris, France", "21.5", "said \"bonjour\"", "A"], rows[0]);
        Assert.Equal(["2", "Berlin", "NA", "two\r\nlines", "B"], rows[1]);
        Assert.Equal(["3", "Tokyo", " 3 ", "", "A"], rows[2]);
        Assert.Equal(["5", "Oslo", "-1e-3", "multi, comma, field", "B"], rows[4]);
        Assert.Equal(["7", "Cairo", "35", "", "C"], rows[6]);
    }

    [Fact]
    public void LineNumber_RecordsAfterEmbeddedLineBreakAndBlankLine_NamePhysicalLines()
    {
        using CsvRecordReader reader = OpenFixture("messy.csv");
        var lines = new List<(long Record, long Line)>();
        while (reader.Read())
        {
            lines.Add((reader.RecordNumber, reader.LineNumber));
        }

        Assert.Equal([(1, 2), (2, 3), (3, 5), (4, 6), (5, 7), (6, 8), (7, 10)], lines);
    }

    [Fact]
    public void IsMissing_SeveralSpellings_AllMissingAndValuesNot()
    {
        using CsvRecordReader reader = OpenFixture("messy.csv");
        var missingTemperatures = new List<bool>();
        var missingGrades = new List<bool>();
        while (reader.Read())
        {
            missingTemperatures.Add(reader.IsMissing(2));
            missingGrades.Add(reader.IsMissing(4));
        }

        Assert.Equal([false, true, false, true, false, true, false], missingTemperatures);
        Assert.Equal([false, false, false, true, false, false, false], missingGrades);
    }

    [Fact]
    public void TryGetDouble_InvariantNumbersAndText_ParsesNumbersOnly()
    {
        using CsvRecordReader reader = OpenText("a,b,c,d,e,f\n1e-3,-0.5, 3 ,abc,\"4.25\",1,5\n".Replace(",1,5", ",\"1,5\"", StringComparison.Ordinal));
        Assert.True(reader.Read());

        Assert.True(reader.TryGetDouble(0, out double scientific));
        Assert.True(reader.TryGetDouble(1, out double negative));
        Assert.True(reader.TryGetDouble(2, out double padded));
        Assert.False(reader.TryGetDouble(3, out _));
        Assert.True(reader.TryGetDouble(4, out double quoted));
        Assert.False(reader.TryGetDouble(5, out _));
        Assert.Equal([0.001, -0.5, 3.0, 4.25], [scientific, negative, padded, quoted]);
    }

    [Fact]
    public void CurrentRecordRaw_QuotedAndMultilineRecords_AreByteIdenticalToTheInput()
    {
        byte[] file = File.ReadAllBytes(FixturePath("messy.csv"));
        using CsvRecordReader reader = OpenFixture("messy.csv");
        var rebuilt = new List<string>();
        while (reader.Read())
        {
            rebuilt.Add(Encoding.UTF8.GetString(reader.CurrentRecordRaw));
        }

        string original = Encoding.UTF8.GetString(file.AsSpan(3));
        string[] expected = original.Split("\r\n")[1..].Where(l => l.Length > 0).ToArray();
        Assert.Equal(string.Join("\r\n", expected), string.Join("\r\n", rebuilt));
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,4\n")]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n")]
    [InlineData("a,b\r1,2\r3,4")]
    [InlineData("a,b\n1,2\n3,4")]
    [InlineData("a,b\n1,2\n3,4\n\n\n")]
    [InlineData("\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n")]
    public void Read_LineEndingsBomAndBlankLines_YieldSameRecords(string text)
    {
        using CsvRecordReader reader = OpenText(text);

        Assert.Equal(["a", "b"], reader.Header);
        Assert.Equal([["1", "2"], ["3", "4"]], ReadAll(reader));
    }

    [Fact]
    public void Read_LastFieldEmptyWithoutNewline_KeepsEmptyField()
    {
        using CsvRecordReader reader = OpenText("a,b\n1,");

        Assert.Equal([["1", ""]], ReadAll(reader));
    }

    [Fact]
    public void Read_OneByteReads_SameRecordsAsOneRead()
    {
        string text = File.ReadAllText(FixturePath("messy.csv"));
        using CsvRecordReader whole = OpenText(text);
        using CsvRecordReader trickled = OpenText(text, trickle: true);

        Assert.Equal(ReadAll(whole), ReadAll(trickled));
    }

    [Fact]
    public void Read_RandomQuotedFieldsAcrossBufferRefills_RoundTrip()
    {
        var random = new Random(20240601);
        string[] alphabet = ["a", "b", ",", "\"", "\n", "\r\n", " ", "é", "日本", "1", ".", ";"];
        var rows = new List<string[]>();
        for (int r = 0; r < 3000; r++)
        {
            rows.Add([.. Enumerable.Range(0, 4).Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])))]);
        }

        rows.RemoveAll(r => r.All(f => f.Length == 0));
        string csv = "w,x,y,z\n" + string.Concat(rows.Select(r => string.Join(",", r.Select(Quote)) + "\n"));
        var options = new CsvReaderOptions { BufferBytes = 4096 };
        using CsvRecordReader reader = OpenText(csv, options);

        Assert.Equal(rows, ReadAll(reader));

        static string Quote(string field) => field.Length > 0 && field.IndexOfAny([',', '"', '\n', '\r']) < 0 && field != " "
            ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    [Fact]
    public void Read_TabDelimiter_SplitsOnTabs()
    {
        using CsvRecordReader reader = OpenText("a\tb\n1,5\t\"x\ty\"\n", new CsvReaderOptions { Delimiter = (byte)'\t' });

        Assert.Equal([["1,5", "x\ty"]], ReadAll(reader));
    }

    [Fact]
    public void Read_RaggedRow_ThrowsNamingLineAndColumn()
    {
        DataFormatException error = ErrorOf("ragged.csv");

        Assert.Equal("ragged.csv: line 4, column 4: expected 3 fields as in the header, found 4", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(4, error.Column);
        Assert.Equal("ragged.csv", error.Source);
    }

    [Fact]
    public void Read_MissingField_ThrowsNamingTheMissingColumn()
    {
        using CsvRecordReader reader = OpenText("a,b,c\n1,2\n");

        DataFormatException error = Assert.Throws<DataFormatException>(() => reader.Read());
        Assert.Equal("inline.csv: line 2, column 3 ('c'): expected 3 fields as in the header, found 2", error.Message);
    }

    [Fact]
    public void Read_UnterminatedQuote_ThrowsAtTheOpeningQuote()
    {
        DataFormatException error = ErrorOf("unterminated_quote.csv");

        Assert.Equal(3, error.Line);
        Assert.Equal(2, error.Column);
        Assert.Equal("comment", error.ColumnName);
        Assert.Contains("unterminated quoted field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnterminatedQuoteInLargeFile_ThrowsLineLimitWithHint()
    {
        string text = "a,b\n1,\"open\n" + string.Concat(Enumerable.Repeat("2,filler\n", 2000));
        using CsvRecordReader reader = OpenText(text, new CsvReaderOptions { MaxLineBytes = 200, BufferBytes = 4096 });

        DataFormatException error = Assert.Throws<DataFormatException>(() => reader.Read());
        Assert.Equal(2, error.Line);
        Assert.Contains("perhaps an unterminated quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StrayQuoteInUnquotedField_Throws()
    {
        DataFormatException error = ErrorOf("stray_quote.csv");

        Assert.Equal("stray_quote.csv: line 3, column 2 ('comment'): stray quote inside an unquoted field "
            + "(quote the whole field and double the quotes inside it)", error.Message);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_Throws()
    {
        using CsvRecordReader reader = OpenText("a,b\n\"x\"y,2\n");

        DataFormatException error = Assert.Throws<DataFormatException>(() => reader.Read());
        Assert.Equal((2L, 1), (error.Line, error.Column));
        Assert.Contains("after the closing quote", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_SemicolonFile_ThrowsWrongDelimiter()
    {
        DataFormatException error = ErrorOf("semicolon.csv");

        Assert.Equal("semicolon.csv: line 1: wrong delimiter: the header reads as a single column with delimiter ',' but looks ';'-separated",
            error.Message);
    }

    [Fact]
    public void Ctor_GenuineSingleColumnFile_Reads()
    {
        using CsvRecordReader reader = OpenText("value\n1\n2\n");

        Assert.Equal([["1"], ["2"]], ReadAll(reader));
    }

    [Fact]
    public void Ctor_EmptyFile_ThrowsIsEmpty()
    {
        DataFormatException error = ErrorOf("empty.csv");

        Assert.Equal("empty.csv: the file is empty (0 bytes)", error.Message);
    }

    [Fact]
    public void Ctor_OnlyBlankLines_ThrowsNoHeader()
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => OpenText("\n\r\n\n"));

        Assert.Contains("no header line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_PngNamedCsv_ThrowsNotCsv()
    {
        DataFormatException error = ErrorOf("image.csv");

        Assert.Equal("image.csv: line 1: not a CSV text file: the content looks like a PNG image", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)',', 0, 1, 2, (byte)'\n' }, "NUL byte at offset 2")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0 }, "ZIP archive")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "JSON")]
    [InlineData(new byte[] { (byte)'<', (byte)'h', (byte)'t', (byte)'m', (byte)'l', (byte)'>' }, "XML or HTML")]
    public void Ctor_BinaryOrOtherFormats_ThrowsNamingWhatItIs(byte[] content, string expected)
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => new CsvRecordReader(new MemoryStream(content), "x.csv"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_Latin1Header_ThrowsNotUtf8()
    {
        DataFormatException error = ErrorOf("latin1.csv");

        Assert.Equal(1, error.Line);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetString_InvalidUtf8InData_ThrowsNamingLineAndColumn()
    {
        byte[] content = [.. "a,b\n1,ok\n2,caf"u8, 0xE9, (byte)'\n'];
        using var reader = new CsvRecordReader(new MemoryStream(content), "data.csv");
        Assert.True(reader.Read());
        Assert.True(reader.Read());

        DataFormatException error = Assert.Throws<DataFormatException>(() => reader.GetString(1));
        Assert.Equal((3L, 2, "b"), (error.Line, error.Column, error.ColumnName));
    }

    [Fact]
    public void Ctor_DuplicateColumnName_Throws()
    {
        DataFormatException error = ErrorOf("duplicate_header.csv");

        Assert.Equal("duplicate_header.csv: line 1, column 3 ('score'): duplicate column name 'score' (also column 2)", error.Message);
    }

    [Fact]
    public void Ctor_EmptyColumnName_Throws()
    {
        DataFormatException error = ErrorOf("empty_header_name.csv");

        Assert.Equal("empty_header_name.csv: line 1, column 2: empty column name in the header", error.Message);
    }

    [Fact]
    public void Read_LineOverLimit_ThrowsNamingLineAndColumn()
    {
        DataFormatException error = ErrorOf("long_line.csv", new CsvReaderOptions { MaxLineBytes = 100 });

        Assert.Equal("long_line.csv: line 3, column 2 ('text'): the record is longer than the limit of 100 bytes", error.Message);
    }

    [Fact]
    public void Read_LineOverLimitSpanningRefills_Throws()
    {
        string text = "a,b\n1," + new string('x', 50_000) + "\n";
        using CsvRecordReader reader = OpenText(text, new CsvReaderOptions { MaxLineBytes = 10_000, BufferBytes = 4096 });

        DataFormatException error = Assert.Throws<DataFormatException>(() => reader.Read());
        Assert.Equal((2L, 2), (error.Line, error.Column));
    }

    [Fact]
    public void Read_LongRecordWithinLimit_GrowsBufferAndReads()
    {
        string big = new('y', 300_000);
        using CsvRecordReader reader = OpenText($"a,b\n1,{big}\n2,z\n", new CsvReaderOptions { BufferBytes = 4096 });

        Assert.Equal([["1", big], ["2", "z"]], ReadAll(reader));
    }

    [Fact]
    public void Read_MoreRowsThanLimit_Throws()
    {
        DataFormatException error = ErrorOf("many_rows.csv", new CsvReaderOptions { MaxRows = 5 });

        Assert.Equal("many_rows.csv: line 7: more than 5 data rows (the limit)", error.Message);
    }

    [Fact]
    public void Ctor_MoreColumnsThanLimit_Throws()
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => OpenText("a,b,c\n1,2,3\n", new CsvReaderOptions { MaxColumns = 2 }));

        Assert.Equal("inline.csv: line 1, column 3: more than 2 columns (the limit)", error.Message);
    }

    [Fact]
    public void GetFieldUtf8_FieldIndexOutOfRange_Throws()
    {
        using CsvRecordReader reader = OpenText("a\n1\n");
        Assert.True(reader.Read());

        Assert.Throws<ArgumentOutOfRangeException>(() => reader.GetFieldUtf8(1));
    }

    [Fact]
    public void Read_AtEnd_ReturnsFalseRepeatedly()
    {
        using CsvRecordReader reader = OpenText("a\n1\n");

        Assert.Equal([true, false, false], new[] { reader.Read(), reader.Read(), reader.Read() });
        Assert.Equal(1, reader.RecordNumber);
    }
}
