using System.Numerics;

namespace GeoFlowNetSar.Synthesis.RealPairs;

/// <summary>A dense complex matrix (planar re/im, row-major, double) with the one product the DFT needs.</summary>
internal sealed class ComplexMatrix
{
    public ComplexMatrix(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        Re = new double[rows * columns];
        Im = new double[rows * columns];
    }

    public int Rows { get; }
    public int Columns { get; }
    public double[] Re { get; }
    public double[] Im { get; }

    /// <summary>A real matrix as complex.</summary>
    public static ComplexMatrix FromReal(ReadOnlySpan<float> values, int rows, int columns)
    {
        var m = new ComplexMatrix(rows, columns);
        for (int i = 0; i < values.Length; i++) m.Re[i] = values[i];
        return m;
    }

    /// <summary>C = A·B (row-major; the inner loop runs along B's rows, so it vectorises).</summary>
    public static ComplexMatrix Multiply(ComplexMatrix a, ComplexMatrix b)
    {
        if (a.Columns != b.Rows) throw new ArgumentException($"Cannot multiply {a.Rows}×{a.Columns} by {b.Rows}×{b.Columns}.");
        int m = a.Rows, n = a.Columns, p = b.Columns, vw = Vector<double>.Count;
        var c = new ComplexMatrix(m, p);
        for (int i = 0; i < m; i++)
        {
            var cr = c.Re.AsSpan(i * p, p);
            var ci = c.Im.AsSpan(i * p, p);
            for (int k = 0; k < n; k++)
            {
                double ar = a.Re[i * n + k], ai = a.Im[i * n + k];
                if (ar == 0 && ai == 0) continue;
                var br = b.Re.AsSpan(k * p, p);
                var bi = b.Im.AsSpan(k * p, p);
                int j = 0;
                var vr = new Vector<double>(ar);
                var vai = new Vector<double>(ai);
                for (; j <= p - vw; j += vw)
                {
                    var vbr = new Vector<double>(br[j..]);
                    var vbi = new Vector<double>(bi[j..]);
                    (new Vector<double>(cr[j..]) + vr * vbr - vai * vbi).CopyTo(cr[j..]);
                    (new Vector<double>(ci[j..]) + vr * vbi + vai * vbr).CopyTo(ci[j..]);
                }
                for (; j < p; j++)
                {
                    cr[j] += ar * br[j] - ai * bi[j];
                    ci[j] += ar * bi[j] + ai * br[j];
                }
            }
        }
        return c;
    }

    public ComplexMatrix Transpose()
    {
        var t = new ComplexMatrix(Columns, Rows);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                t.Re[j * Rows + i] = Re[i * Columns + j];
                t.Im[j * Rows + i] = Im[i * Columns + j];
            }
        return t;
    }
}

/// <summary>DFT kernels as matrices: forward over sample indices, inverse evaluated at arbitrary (sub-pixel) positions.</summary>
internal static class DftMatrix
{
    /// <summary>F[k, x] = exp(−i2π·k·x/N), k, x = 0 … N−1.</summary>
    public static ComplexMatrix Forward(int n)
    {
        var f = new ComplexMatrix(n, n);
        for (int k = 0; k < n; k++)
            for (int x = 0; x < n; x++)
            {
                // k·x mod N keeps the angle exact for large products.
                double angle = -2 * Math.PI * ((long)k * x % n) / n;
                f.Re[k * n + x] = Math.Cos(angle);
                f.Im[k * n + x] = Math.Sin(angle);
            }
        return f;
    }

    /// <summary>
    /// G[m, k] = exp(+i2π·k′·p_m/N) with the signed frequency k′ = k for k &lt; N/2, k − N otherwise: the inverse DFT at
    /// the positions p_m, i.e. the band-limited (trigonometric) interpolation of the inverse transform.
    /// </summary>
    public static ComplexMatrix InverseAt(int n, ReadOnlySpan<double> positions)
    {
        var g = new ComplexMatrix(positions.Length, n);
        for (int m = 0; m < positions.Length; m++)
            for (int k = 0; k < n; k++)
            {
                int signed = k < n / 2 ? k : k - n;
                double angle = 2 * Math.PI * signed * positions[m] / n;
                g.Re[m * n + k] = Math.Cos(angle);
                g.Im[m * n + k] = Math.Sin(angle);
            }
        return g;
    }
}
