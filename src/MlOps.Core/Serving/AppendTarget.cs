namespace MlOps.Core.Serving;

/// <summary>
/// Where the prediction log appends a blob's next block: the hour's part, its committed blocks and length (-1 when
/// unknown and to be read again), and, after an append whose outcome is unknown, the length it was appended at.
/// </summary>
internal sealed record AppendTarget(int Part, int Blocks, long Length, long? Unconfirmed);
