namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>Slip style of a generated fault; sets its rake and dip ranges.</summary>
public enum FaultMechanism
{
    /// <summary>Rake ≈ 0° (left-lateral) or 180° (right-lateral) ± 10°, dip 70–90°.</summary>
    StrikeSlip,

    /// <summary>Rake ≈ −90° ± 15°, dip 40–70°.</summary>
    Normal,

    /// <summary>Rake ≈ 90° ± 15°, dip 30–50°.</summary>
    Thrust,

    /// <summary>Any rake, any dip in the allowed range.</summary>
    Oblique,
}
