namespace GeoFlowNetSar.Core.Estimation;

/// <summary>Top-left pixel of a window inside the images handed to an estimator.</summary>
public readonly record struct WindowOrigin(int X, int Y);
