using MeshConformance.Core;

namespace MeshConformance.Dare.Reading;

/// <summary>
/// A reader that takes a container's frames from a walk someone else drives (the verifier's), instead of walking the
/// same bytes again: each frame is framed and its header read once for both. Only readers that can see the checking
/// walk's frames (the catalog reader) derive from it.
/// </summary>
public abstract class WalkFollower
{
    internal WalkFollower()
    {
    }

    /// <summary>
    /// The next frame, right after the walk read it (valid only during this call), with the findings reading it gave,
    /// in the order a walk of the follower's own would have given them.
    /// </summary>
    internal abstract void Frame(CheckedFrame frame, IReadOnlyList<Finding> readingFindings);

    /// <summary>The walk has ended: the findings of its last step and its final state. Not called when the walk failed.</summary>
    internal abstract void End(IReadOnlyList<Finding> readingFindings, WalkState walk);
}
