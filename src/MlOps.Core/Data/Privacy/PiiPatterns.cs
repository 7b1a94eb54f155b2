using System.Net;
using System.Text;

namespace MlOps.Core.Data.Privacy;

/// <summary>
/// Recognises values that look like personal data, on their UTF-8 bytes. The checksummed patterns (card numbers by
/// Luhn, IBANs by mod 97) reject most random digit strings; the others are shapes, chosen to leave ordinary numbers,
/// dates and decimals alone so that a numeric feature is not mistaken for a phone number.
/// </summary>
public static class PiiPatterns
{
    /// <summary>The pattern <paramref name="value"/> matches, or null; <paramref name="nameColumn"/> allows <see cref="PiiPattern.PersonName"/>.</summary>
    public static PiiPattern? Match(ReadOnlySpan<byte> value, bool nameColumn = false)
    {
        value = value.Trim((byte)' ');
        if (value.Length is < 7 or > 64)
        {
            return null;
        }

        if (value.Contains((byte)'@'))
        {
            return IsEmail(value) ? PiiPattern.Email : null;
        }

        if (IsCardNumber(value))
        {
            return PiiPattern.CardNumber;
        }

        if (IsNationalId(value))
        {
            return PiiPattern.NationalId;
        }

        if (IsIban(value))
        {
            return PiiPattern.Iban;
        }

        if (IsIpAddress(value))
        {
            return PiiPattern.IpAddress;
        }

        if (IsPhone(value))
        {
            return PiiPattern.Phone;
        }

        return nameColumn && IsPersonName(value) ? PiiPattern.PersonName : null;
    }

    /// <summary>Whether a column's name says it holds people's names (name, first_name, Surname, fullName...).</summary>
    public static bool IsNameColumn(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        string lower = column.ToLowerInvariant();
        bool machineName = lower.Contains("filename", StringComparison.Ordinal) || lower.Contains("hostname", StringComparison.Ordinal)
            || lower.Contains("username", StringComparison.Ordinal);
        return lower.Contains("name", StringComparison.Ordinal) && !machineName;
    }

    public static bool IsEmail(ReadOnlySpan<byte> value)
    {
        int at = value.IndexOf((byte)'@');
        if (at <= 0 || at != value.LastIndexOf((byte)'@'))
        {
            return false;
        }

        foreach (byte b in value[..at])
        {
            if (!(IsAsciiLetterOrDigit(b) || b is (byte)'.' or (byte)'_' or (byte)'%' or (byte)'+' or (byte)'-'))
            {
                return false;
            }
        }

        ReadOnlySpan<byte> domain = value[(at + 1)..];
        int lastDot = domain.LastIndexOf((byte)'.');
        if (lastDot <= 0 || domain.Length - lastDot - 1 < 2)
        {
            return false;
        }

        foreach (byte b in domain[(lastDot + 1)..])
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        foreach (byte b in domain)
        {
            if (!(IsAsciiLetterOrDigit(b) || b is (byte)'.' or (byte)'-'))
            {
                return false;
            }
        }

        return domain.IndexOf(".."u8) < 0;
    }

    /// <summary>13 to 19 digits, optionally in groups split by spaces or hyphens, passing the Luhn check.</summary>
    public static bool IsCardNumber(ReadOnlySpan<byte> value)
    {
        Span<byte> digits = stackalloc byte[19];
        int count = 0;
        foreach (byte b in value)
        {
            if (char.IsAsciiDigit((char)b))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = (byte)(b - '0');
            }
            else if (b is not ((byte)' ' or (byte)'-'))
            {
                return false;
            }
        }

        return count >= 13 && char.IsAsciiDigit((char)value[0]) && Luhn(digits[..count]);
    }

    /// <summary>The Luhn (mod 10) check digit test of payment card numbers.</summary>
    public static bool Luhn(ReadOnlySpan<byte> digits)
    {
        int sum = 0;
        bool twice = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i];
            if (twice)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            twice = !twice;
        }

        return sum % 10 == 0;
    }

    /// <summary>Two letters, two check digits and 11 to 30 letters or digits (spaces allowed), whose ISO 13616 mod-97 check is 1.</summary>
    public static bool IsIban(ReadOnlySpan<byte> value)
    {
        Span<byte> compact = stackalloc byte[34];
        int length = 0;
        foreach (byte b in value)
        {
            if (b == (byte)' ')
            {
                continue;
            }

            if (!IsAsciiLetterOrDigit(b) || length == compact.Length)
            {
                return false;
            }

            compact[length++] = (byte)char.ToUpperInvariant((char)b);
        }

        if (length < 15 || !char.IsAsciiLetterUpper((char)compact[0]) || !char.IsAsciiLetterUpper((char)compact[1])
            || !char.IsAsciiDigit((char)compact[2]) || !char.IsAsciiDigit((char)compact[3]))
        {
            return false;
        }

        // The country and check digits move to the end; letters count as 10..35; the remainder mod 97 is taken as it goes.
        int remainder = 0;
        for (int i = 0; i < length; i++)
        {
            byte b = compact[(i + 4) % length];
            remainder = char.IsAsciiDigit((char)b) ? ((remainder * 10) + (b - '0')) % 97 : ((remainder * 100) + (b - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    /// <summary>A US social security number (ddd-dd-dddd, not area 000, 666 or 9xx) or a UK national insurance number.</summary>
    public static bool IsNationalId(ReadOnlySpan<byte> value)
    {
        if (value.Length == 11 && value[3] == (byte)'-' && value[6] == (byte)'-')
        {
            for (int i = 0; i < 11; i++)
            {
                if (i is not (3 or 6) && !char.IsAsciiDigit((char)value[i]))
                {
                    return false;
                }
            }

            return !value.StartsWith("000"u8) && !value.StartsWith("666"u8) && value[0] != (byte)'9'
                && !value.Slice(4, 2).SequenceEqual("00"u8) && !value.Slice(7, 4).SequenceEqual("0000"u8);
        }

        // AB123456C, also written AB 12 34 56 C.
        Span<byte> compact = stackalloc byte[9];
        int length = 0;
        foreach (byte b in value)
        {
            if (b == (byte)' ')
            {
                continue;
            }

            if (length == compact.Length)
            {
                return false;
            }

            compact[length++] = (byte)char.ToUpperInvariant((char)b);
        }

        if (length != 9)
        {
            return false;
        }

        for (int i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit((char)compact[i]))
            {
                return false;
            }
        }

        return char.IsAsciiLetterUpper((char)compact[0]) && char.IsAsciiLetterUpper((char)compact[1]) && compact[8] is >= (byte)'A' and <= (byte)'D';
    }

    public static bool IsIpAddress(ReadOnlySpan<byte> value)
    {
        int dots = value.Count((byte)'.');
        int colons = value.Count((byte)':');
        if (dots == 3 && colons == 0)
        {
            int octets = 0;
            foreach (Range part in value.Split((byte)'.'))
            {
                ReadOnlySpan<byte> octet = value[part];
                if (octet.Length is 0 or > 3 || !AllDigits(octet) || NumberOf(octet) > 255)
                {
                    return false;
                }

                octets++;
            }

            return octets == 4;
        }

        if (colons < 2)
        {
            return false;
        }

        foreach (byte b in value)
        {
            if (!(char.IsAsciiHexDigit((char)b) || b is (byte)':' or (byte)'.'))
            {
                return false;
            }
        }

        return IPAddress.TryParse(Encoding.ASCII.GetString(value), out IPAddress? address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    /// <summary>
    /// 7 to 15 digits starting with + or a digit or (, written in groups (spaces, hyphens, brackets, or two or more
    /// dots): a bare run of digits is as likely an amount or an id, and a date or a decimal is not a phone number.
    /// </summary>
    public static bool IsPhone(ReadOnlySpan<byte> value)
    {
        if (!(value[0] is (byte)'+' or (byte)'(' || char.IsAsciiDigit((char)value[0])))
        {
            return false;
        }

        int digits = 0;
        int separators = 0;
        int dots = 0;
        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            if (char.IsAsciiDigit((char)b))
            {
                digits++;
            }
            else if (b is (byte)' ' or (byte)'-' or (byte)'(' or (byte)')')
            {
                separators++;
            }
            else if (b == (byte)'.')
            {
                dots++;
            }
            else if (!(b == (byte)'+' && i == 0))
            {
                return false;
            }
        }

        if (digits is < 7 or > 15 || dots == 1 || IsDate(value))
        {
            return false;
        }

        return value[0] == (byte)'+' || separators + dots >= 2;
    }

    /// <summary>Two to four words, each a capital letter followed by lower-case letters (hyphens and apostrophes allowed).</summary>
    public static bool IsPersonName(ReadOnlySpan<byte> value)
    {
        string text = Encoding.UTF8.GetString(value);
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 4)
        {
            return false;
        }

        foreach (string word in words)
        {
            // Any letters after the capital (O'Neil, Smith-Jones), but not all capitals (a code, not a name).
            if (word.Length < 2 || !char.IsUpper(word[0]) || !word.Skip(1).All(c => char.IsLetter(c) || c is '-' or '\'') || !word.Any(char.IsLower))
            {
                return false;
            }
        }

        return true;
    }

    // yyyy-mm-dd, dd-mm-yyyy and the like: three groups of digits, one of them four long, the others at most two.
    private static bool IsDate(ReadOnlySpan<byte> value)
    {
        Span<int> lengths = stackalloc int[4];
        int groups = 0;
        int current = 0;
        foreach (byte b in value)
        {
            if (char.IsAsciiDigit((char)b))
            {
                current++;
                continue;
            }

            if (b is not ((byte)'-' or (byte)'/' or (byte)'.') || groups == 3)
            {
                return false;
            }

            lengths[groups++] = current;
            current = 0;
        }

        lengths[groups++] = current;
        return groups == 3 && (lengths[0] == 4 ? lengths[1] <= 2 && lengths[2] <= 2 : lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] is 2 or 4);
    }

    private static bool AllDigits(ReadOnlySpan<byte> value)
    {
        foreach (byte b in value)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static int NumberOf(ReadOnlySpan<byte> digits)
    {
        int number = 0;
        foreach (byte b in digits)
        {
            number = (number * 10) + (b - '0');
        }

        return number;
    }

    private static bool IsAsciiLetterOrDigit(byte b) => char.IsAsciiLetterOrDigit((char)b);
}
