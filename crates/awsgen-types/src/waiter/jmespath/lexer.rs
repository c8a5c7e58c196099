//! Splits an expression into tokens, each with the byte offset it starts at.

use serde_json::Value;

use super::{JmespathError, JmespathErrorKind};

/// One token of an expression.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
    /// An unquoted identifier, e.g. `status`.
    Identifier(String),
    /// A `"quoted"` identifier, already unescaped.
    QuotedIdentifier(String),
    /// A `'raw string'`.
    RawString(String),
    /// A `` `json` `` literal, already parsed.
    Literal(Value),
    /// An integer, only meaningful inside brackets.
    Number(i64),
    Dot,
    Star,
    At,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Not,
    Ampersand,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    /// `[?`
    Filter,
    /// `[]`
    Flatten,
    LeftBrace,
    RightBrace,
    Compare(CompareOp),
    /// The end of the expression.
    End,
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CompareOp {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

impl CompareOp {
    pub(super) fn symbol(self) -> &'static str {
        match self {
            CompareOp::Equal => "==",
            CompareOp::NotEqual => "!=",
            CompareOp::Less => "<",
            CompareOp::LessOrEqual => "<=",
            CompareOp::Greater => ">",
            CompareOp::GreaterOrEqual => ">=",
        }
    }
}

impl Token {
    /// How the token reads in an error message.
    pub(super) fn describe(&self) -> String {
        match self {
            Token::Identifier(name) => format!("identifier `{name}`"),
            Token::QuotedIdentifier(name) => format!("quoted identifier {name:?}"),
            Token::RawString(text) => format!("raw string '{text}'"),
            Token::Literal(value) => format!("literal `{value}`"),
            Token::Number(n) => format!("number `{n}`"),
            Token::Compare(op) => format!("`{}`", op.symbol()),
            Token::End => "the end of the expression".to_owned(),
            other => format!("`{}`", other.punctuation()),
        }
    }

    fn punctuation(&self) -> &'static str {
        match self {
            Token::Dot => ".",
            Token::Star => "*",
            Token::At => "@",
            Token::Comma => ",",
            Token::Colon => ":",
            Token::Pipe => "|",
            Token::Or => "||",
            Token::And => "&&",
            Token::Not => "!",
            Token::Ampersand => "&",
            Token::LeftParen => "(",
            Token::RightParen => ")",
            Token::LeftBracket => "[",
            Token::RightBracket => "]",
            Token::Filter => "[?",
            Token::Flatten => "[]",
            Token::LeftBrace => "{",
            Token::RightBrace => "}",
            _ => "?",
        }
    }
}

/// A token and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Spanned {
    pub(super) token: Token,
    pub(super) position: usize,
    /// The byte offset just past the token.
    pub(super) end: usize,
}

/// Tokenizes the whole expression; the last token is always [`Token::End`].
pub(super) fn tokenize(source: &str) -> Result<Vec<Spanned>, JmespathError> {
    let mut lexer = Lexer {
        source,
        position: 0,
        tokens: Vec::new(),
    };
    lexer.run()?;
    Ok(lexer.tokens)
}

struct Lexer<'a> {
    source: &'a str,
    position: usize,
    tokens: Vec<Spanned>,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn rest(&self) -> &str {
        self.source.get(self.position..).unwrap_or("")
    }

    /// Adds `token`, which starts at `start` and ends where the lexer is.
    fn push(&mut self, token: Token, start: usize) {
        self.tokens.push(Spanned {
            token,
            position: start,
            end: self.position.max(start),
        });
    }

    fn run(&mut self) -> Result<(), JmespathError> {
        while let Some(c) = self.peek() {
            let start = self.position;
            if c.is_ascii_whitespace() {
                self.position += 1;
                continue;
            }
            if c.is_ascii_alphabetic() || c == '_' {
                let name = self
                    .take_while(|c| c.is_ascii_alphanumeric() || c == '_')
                    .to_owned();
                self.push(Token::Identifier(name), start);
                continue;
            }
            if c.is_ascii_digit()
                || (c == '-' && self.peek_second().is_some_and(|d| d.is_ascii_digit()))
            {
                let token = self.number(start)?;
                self.push(token, start);
                continue;
            }
            let token = match c {
                '"' => Token::QuotedIdentifier(self.quoted_identifier(start)?),
                '\'' => Token::RawString(self.delimited(start, '\'', true)?),
                '`' => self.literal(start)?,
                _ => self.punctuation(c, start)?,
            };
            self.push(token, start);
        }
        let end = self.source.len();
        self.push(Token::End, end);
        Ok(())
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &str {
        let start = self.position;
        let len = self
            .rest()
            .char_indices()
            .find(|&(_, c)| !keep(c))
            .map_or(self.rest().len(), |(i, _)| i);
        self.position += len;
        self.source.get(start..self.position).unwrap_or("")
    }

    fn number(&mut self, start: usize) -> Result<Token, JmespathError> {
        if self.peek() == Some('-') {
            self.position += 1;
        }
        self.take_while(|c| c.is_ascii_digit());
        let text = self.source.get(start..self.position).unwrap_or("");
        text.parse::<i64>().map(Token::Number).map_err(|_| {
            JmespathError::new(start, JmespathErrorKind::InvalidNumber(text.to_owned()))
        })
    }

    fn punctuation(&mut self, c: char, start: usize) -> Result<Token, JmespathError> {
        let next = self.peek_second();
        let (token, len) = match (c, next) {
            ('[', Some('?')) => (Token::Filter, 2),
            ('[', Some(']')) => (Token::Flatten, 2),
            ('[', _) => (Token::LeftBracket, 1),
            (']', _) => (Token::RightBracket, 1),
            ('.', _) => (Token::Dot, 1),
            ('*', _) => (Token::Star, 1),
            ('@', _) => (Token::At, 1),
            (',', _) => (Token::Comma, 1),
            (':', _) => (Token::Colon, 1),
            ('(', _) => (Token::LeftParen, 1),
            (')', _) => (Token::RightParen, 1),
            ('{', _) => (Token::LeftBrace, 1),
            ('}', _) => (Token::RightBrace, 1),
            ('|', Some('|')) => (Token::Or, 2),
            ('|', _) => (Token::Pipe, 1),
            ('&', Some('&')) => (Token::And, 2),
            ('&', _) => (Token::Ampersand, 1),
            ('=', Some('=')) => (Token::Compare(CompareOp::Equal), 2),
            ('!', Some('=')) => (Token::Compare(CompareOp::NotEqual), 2),
            ('!', _) => (Token::Not, 1),
            ('<', Some('=')) => (Token::Compare(CompareOp::LessOrEqual), 2),
            ('<', _) => (Token::Compare(CompareOp::Less), 1),
            ('>', Some('=')) => (Token::Compare(CompareOp::GreaterOrEqual), 2),
            ('>', _) => (Token::Compare(CompareOp::Greater), 1),
            _ => {
                return Err(JmespathError::new(
                    start,
                    JmespathErrorKind::UnexpectedCharacter(c),
                ))
            }
        };
        self.position += len;
        Ok(token)
    }

    /// The text between `delimiter`s, with `\<delimiter>` unescaped, and `\\`
    /// too when `unescape_backslash` (the raw-string rule; a literal keeps it
    /// for the JSON parser). Other backslashes are kept as they are.
    fn delimited(
        &mut self,
        start: usize,
        delimiter: char,
        unescape_backslash: bool,
    ) -> Result<String, JmespathError> {
        self.position += delimiter.len_utf8();
        let mut text = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((offset, c)) = chars.next() {
            if c == delimiter {
                self.position += offset + c.len_utf8();
                return Ok(text);
            }
            if c == '\\' {
                match chars.clone().next() {
                    Some((_, escaped))
                        if escaped == delimiter || (unescape_backslash && escaped == '\\') =>
                    {
                        chars.next();
                        text.push(escaped);
                        continue;
                    }
                    _ => {}
                }
            }
            text.push(c);
        }
        Err(JmespathError::new(
            start,
            JmespathErrorKind::Unterminated(delimiter),
        ))
    }

    /// A JSON string: the same escapes as JSON, decoded by serde_json.
    fn quoted_identifier(&mut self, start: usize) -> Result<String, JmespathError> {
        let body = self.rest().get(1..).unwrap_or("");
        let mut escaped = false;
        let close = body.char_indices().find_map(|(i, c)| {
            let found = !escaped && c == '"';
            escaped = !escaped && c == '\\';
            found.then_some(i)
        });
        let Some(close) = close else {
            return Err(JmespathError::new(
                start,
                JmespathErrorKind::Unterminated('"'),
            ));
        };
        let json = self.source.get(start..start + close + 2).unwrap_or("");
        self.position = start + close + 2;
        serde_json::from_str::<String>(json).map_err(|err| {
            JmespathError::new(
                start,
                JmespathErrorKind::InvalidQuotedIdentifier(err.to_string()),
            )
        })
    }

    fn literal(&mut self, start: usize) -> Result<Token, JmespathError> {
        let text = self.delimited(start, '`', false)?;
        serde_json::from_str::<Value>(text.trim())
            .map(Token::Literal)
            .map_err(|err| {
                JmespathError::new(start, JmespathErrorKind::InvalidLiteral(err.to_string()))
            })
    }
}
