namespace XenBundle.Frosting;

/// <summary>Reports a failed run to the user and chooses the exit code.</summary>
public interface IFrostingErrorHandler
{
    int Handle(Exception exception);
}
