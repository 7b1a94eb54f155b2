using System.Text;
using MlOps.Core.Data.Privacy;

namespace MlOps.Core.Tests.Data.Privacy;

public sealed class PiiPatternsTests
{
    [Theory]
    [InlineData("jane.doe@example.com", PiiPattern.Email)]
    [InlineData("j_smith+news@mail.example.co.uk", PiiPattern.Email)]
    [InlineData("4111 1111 1111 1111", PiiPattern.CardNumber)]
    [InlineData("5500-0000-0000-0004", PiiPattern.CardNumber)]
    [InlineData("378282246310005", PiiPattern.CardNumber)]
    [InlineData("GB82 WEST 1234 5698 7654 32", PiiPattern.Iban)]
    [InlineData("DE89370400440532013000", PiiPattern.Iban)]
    [InlineData("123-45-6789", PiiPattern.NationalId)]
    [InlineData("AB123456C", PiiPattern.NationalId)]
    [InlineData("192.168.10.254", PiiPattern.IpAddress)]
    [InlineData("2001:db8::8a2e:370:7334", PiiPattern.IpAddress)]
    [InlineData("+44 20 7946 0958", PiiPattern.Phone)]
    [InlineData("(555) 123-4567", PiiPattern.Phone)]
    [InlineData("555.123.4567", PiiPattern.Phone)]
    public void Match_PersonalValue_ItsPattern(string value, PiiPattern expected) =>
        Assert.Equal(expected, PiiPatterns.Match(Encoding.UTF8.GetBytes(value)));

    [Theory]
    [InlineData("4111 1111 1111 1112")] // Luhn fails
    [InlineData("GB82 WEST 1234 5698 7654 33")] // mod 97 fails
    [InlineData("2026-12-07")] // a date, not a phone
    [InlineData("07/12/2026")]
    [InlineData("1234567.891")] // a decimal
    [InlineData("-12345678")]
    [InlineData("12345678")] // a bare number: an amount or an id as likely as a phone
    [InlineData("300.1.2.3")] // not an IPv4 octet
    [InlineData("not@an@email.com")]
    [InlineData("user@localhost")]
    [InlineData("malignant")]
    [InlineData("Jane Doe")] // a name only counts in a column named for names
    public void Match_OrdinaryValue_Null(string value) =>
        Assert.Null(PiiPatterns.Match(Encoding.UTF8.GetBytes(value)));

    [Theory]
    [InlineData("customer_name", true)]
    [InlineData("Surname", true)]
    [InlineData("fullName", true)]
    [InlineData("filename", false)]
    [InlineData("hostname", false)]
    [InlineData("mean_radius", false)]
    public void IsNameColumn_ColumnName_WhetherItHoldsNames(string column, bool expected) =>
        Assert.Equal(expected, PiiPatterns.IsNameColumn(column));

    [Theory]
    [InlineData("666-12-3456")] // never issued
    [InlineData("000-12-3456")]
    [InlineData("123-00-4567")]
    public void IsNationalId_NeverIssuedSocialSecurityNumber_False(string value) =>
        Assert.False(PiiPatterns.IsNationalId(Encoding.UTF8.GetBytes(value)));

    [Fact]
    public void Match_NameInANameColumn_PersonName()
    {
        Assert.Equal(PiiPattern.PersonName, PiiPatterns.Match("Jane Mary O'Neil"u8, nameColumn: true));
        Assert.Null(PiiPatterns.Match("grey cat"u8, nameColumn: true));
    }
}
