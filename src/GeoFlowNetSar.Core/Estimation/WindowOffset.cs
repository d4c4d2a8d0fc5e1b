namespace GeoFlowNetSar.Core.Estimation;

/// <summary>One window's offset (pixels, DESIGN.md sign) and a method-specific quality (higher is better).</summary>
public readonly record struct WindowOffset(float Dx, float Dy, float Quality)
{
    public static WindowOffset None => new(float.NaN, float.NaN, 0f);

    public bool IsValid => !float.IsNaN(Dx) && !float.IsNaN(Dy);
}
