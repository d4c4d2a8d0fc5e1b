namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>How the frequency correlator goes from the integer peak to the sub-pixel shift.</summary>
public enum SubPixelMethod
{
    /// <summary>COSI-Corr: |C|-weighted, robust (biweight) least-squares fit of the phase plane arg Q(ω) = −2π ω·d.</summary>
    PhasePlane,

    /// <summary>
    /// Guizar-Sicairos et al. (2008): the peak of the masked cross-correlation, upsampled by a matrix-multiply DFT
    /// around the integer peak (1/8 px, then 1/<see cref="FrequencyCorrelatorOptions.Upsampling"/> px), finished
    /// by a parabola on that fine grid.
    /// </summary>
    UpsampledDft,
}
