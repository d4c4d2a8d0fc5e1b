namespace GeoFlowNetSar.Synthesis.Dislocation.Triangular;

/// <summary>A double-precision 3-vector; System.Numerics.Vector3 is single precision.</summary>
internal readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);

    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public double Norm => Math.Sqrt(Dot(this));
    public Vec3 Normalized() => (1 / Norm) * this;
    public override string ToString() => $"({X:R}, {Y:R}, {Z:R})";

    public static readonly Vec3 Up = new(0, 0, 1);
}

/// <summary>An orthonormal right-handed basis; coordinates of a vector in it, and back.</summary>
internal readonly record struct Frame(Vec3 E1, Vec3 E2, Vec3 E3)
{
    public Vec3 ToLocal(Vec3 v) => new(E1.Dot(v), E2.Dot(v), E3.Dot(v));
    public Vec3 ToGlobal(Vec3 v) => v.X * E1 + v.Y * E2 + v.Z * E3;
}
