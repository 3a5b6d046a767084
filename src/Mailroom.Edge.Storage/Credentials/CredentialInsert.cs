using Mailroom.Edge.Core.Access;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// The prepared <c>INSERT</c> of credential rows, bound through SQLite's own API from a <see cref="CredentialLine"/>:
/// Microsoft.Data.Sqlite's parameters box every integer and copy every string into a new UTF-8 array, about a
/// kilobyte of garbage per row. It runs in whatever transaction the connection has open.
/// </summary>
internal sealed class CredentialInsert : IDisposable
{
    private const int ConstraintViolation = 19;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    /// <param name="connection">An open connection; the statement is finalised by <see cref="Dispose"/>, before it closes.</param>
    /// <param name="replace">Insert or replace (deltas change entries by key); a snapshot or an import uses plain
    /// INSERT, so that a key listed twice is an error.</param>
    public CredentialInsert(SqliteConnection connection, bool replace)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var values = string.Join(", ", Enumerable.Range(1, CredentialLine.ColumnCount).Select(i => $"?{i}"));
        var sql = $"INSERT {(replace ? "OR REPLACE " : "")}INTO credentials ({CredentialRows.Columns}) VALUES ({values});";
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, sql, out _statement), _database);
    }

    /// <summary>The last credential inserted, as its content-hash line (a snapshot hashes it from here).</summary>
    public CredentialLine Line { get; } = new();

    /// <summary>Inserts <paramref name="credential"/>; false when its key is already there (plain INSERT only).</summary>
    /// <exception cref="SqliteException">Any other SQLite error (disk full, I/O).</exception>
    public bool TryInsert(EnrolledCredential credential)
    {
        Line.Write(credential);
        return TryInsertLine();
    }

    /// <summary>Inserts the row <see cref="Line"/> holds; false when its key is already there (plain INSERT only).</summary>
    /// <exception cref="SqliteException">Any other SQLite error (disk full, I/O).</exception>
    public bool TryInsertLine()
    {
        for (var column = 0; column < CredentialLine.ColumnCount; column++)
        {
            var index = column + 1;
            var rc = CredentialLine.IsInteger(column) && Line.IsNull(column) ? raw.sqlite3_bind_null(_statement, index)
                : CredentialLine.IsInteger(column)
                ? raw.sqlite3_bind_int64(_statement, index, Line.Integer(column))
                : Line.Text(column) is { IsEmpty: false } text ? raw.sqlite3_bind_text(_statement, index, text) : raw.sqlite3_bind_null(_statement, index);
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
        var step = raw.sqlite3_step(_statement);
        try
        {
            if (step == raw.SQLITE_DONE)
                return true;
            // Primary code: the connection may or may not report extended result codes.
            if ((step & 0xff) == ConstraintViolation)
                return false;
            SqliteException.ThrowExceptionForRC(step, _database);
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();
}
