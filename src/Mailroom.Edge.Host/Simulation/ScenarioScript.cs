using System.Text;

namespace Mailroom.Edge.Host.Simulation;

/// <summary>
/// Parses a scenario script (docs/simulator.md): one step per line, words separated by spaces, <c>"double quotes"</c>
/// around a word with spaces, <c>key=value</c> words as named arguments, <c>#</c> to the end of a line a comment.
/// </summary>
public static class ScenarioScript
{
    public static IReadOnlyList<ScenarioStep> Parse(TextReader reader)
    {
        var steps = new List<ScenarioStep>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var words = Split(line, number);
            if (words.Count == 0)
                continue;
            var args = new List<string>();
            var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var word in words.Skip(1))
            {
                var eq = word.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                    named[word[..eq]] = word[(eq + 1)..];
                else
                    args.Add(word);
            }
            steps.Add(new ScenarioStep(number, words[0].ToLowerInvariant(), args, named, line.Trim()));
        }
        return steps;
    }

    private static List<string> Split(string line, int number)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (!quoted && c == '#')
            {
                break;
            }
            else if (!quoted && char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (quoted)
            throw new ScenarioException(number, "unclosed quote");
        if (inWord)
            words.Add(current.ToString());
        return words;
    }
}
