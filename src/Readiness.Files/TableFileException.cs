namespace Readiness.Files;

/// <summary>
/// A table that cannot be used at all — no header, a required column missing, an Excel file that is not a workbook, a
/// matrix that is not square. Problems with single rows are not thrown: they become rows of the reader's reject report.
/// </summary>
public sealed class TableFileException : Exception
{
    /// <summary>Initialises the exception with the reason.</summary>
    /// <param name="message">What is wrong with the file, and what to do about it.</param>
    public TableFileException(string message)
        : base(message)
    {
    }

    /// <summary>Initialises the exception with the reason and the reader's own exception.</summary>
    /// <param name="message">What is wrong with the file, and what to do about it.</param>
    /// <param name="inner">The reader's exception.</param>
    public TableFileException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
