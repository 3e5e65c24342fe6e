namespace PveLint.Analysis.Ceph;

/// <summary>
/// CRUSH's only hash, rjenkins1: Robert Jenkins' 96-bit mix applied to 2, 3 or 4 32-bit words with CRUSH's seed
/// and constants (reference/ceph-stretch.md §4.1). Bucket choice, <c>is_out</c> and the pool's placement seed all use it,
/// so every bit must match Ceph's for a mapping to equal <c>crushtool --test</c>.
/// </summary>
public static class CrushHash
{
    private const uint Seed = 1315423911;
    private const uint X = 231232;
    private const uint Y = 1232;

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        unchecked
        {
            a -= b; a -= c; a ^= c >> 13;
            b -= c; b -= a; b ^= a << 8;
            c -= a; c -= b; c ^= b >> 13;
            a -= b; a -= c; a ^= c >> 12;
            b -= c; b -= a; b ^= a << 16;
            c -= a; c -= b; c ^= b >> 5;
            a -= b; a -= c; a ^= c >> 3;
            b -= c; b -= a; b ^= a << 10;
            c -= a; c -= b; c ^= b >> 15;
        }
    }

    public static uint Hash2(uint a, uint b)
    {
        uint hash = Seed ^ a ^ b, x = X, y = Y;
        Mix(ref a, ref b, ref hash);
        Mix(ref x, ref a, ref hash);
        Mix(ref b, ref y, ref hash);
        return hash;
    }

    public static uint Hash3(uint a, uint b, uint c)
    {
        uint hash = Seed ^ a ^ b ^ c, x = X, y = Y;
        Mix(ref a, ref b, ref hash);
        Mix(ref c, ref x, ref hash);
        Mix(ref y, ref a, ref hash);
        Mix(ref b, ref x, ref hash);
        Mix(ref y, ref c, ref hash);
        return hash;
    }

    public static uint Hash4(uint a, uint b, uint c, uint d)
    {
        uint hash = Seed ^ a ^ b ^ c ^ d, x = X, y = Y;
        Mix(ref a, ref b, ref hash);
        Mix(ref c, ref d, ref hash);
        Mix(ref a, ref x, ref hash);
        Mix(ref y, ref b, ref hash);
        Mix(ref c, ref x, ref hash);
        Mix(ref y, ref d, ref hash);
        return hash;
    }

    public static uint Hash2(int a, int b) => Hash2(unchecked((uint)a), unchecked((uint)b));

    public static uint Hash3(int a, int b, int c) => Hash3(unchecked((uint)a), unchecked((uint)b), unchecked((uint)c));

    public static uint Hash4(int a, int b, int c, int d) => Hash4(unchecked((uint)a), unchecked((uint)b), unchecked((uint)c), unchecked((uint)d));
}
