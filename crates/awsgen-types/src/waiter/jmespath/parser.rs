//! A Pratt parser over the tokens, with the binding powers of the JMESPath
//! grammar, for the subset this crate evaluates.

use serde_json::Value;

use super::ast::{Function, Node, NodeKind};
use super::lexer::{Spanned, Token};
use super::{JmespathError, JmespathErrorKind, MAX_DEPTH};

/// Tokens whose binding power is below this end a projection's right side,
/// so `a[*].b == 'x'` compares the projected list, not each element.
const PROJECTION_STOP: u8 = 10;

fn binding_power(token: &Token) -> u8 {
    match token {
        Token::Pipe => 1,
        Token::Or => 2,
        Token::And => 3,
        Token::Compare(_) => 5,
        Token::Flatten => 9,
        Token::Star => 20,
        Token::Filter => 21,
        Token::Dot => 40,
        Token::Not => 45,
        Token::LeftBrace => 50,
        Token::LeftBracket => 55,
        Token::LeftParen => 60,
        _ => 0,
    }
}

pub(super) fn parse(tokens: Vec<Spanned>) -> Result<Node, JmespathError> {
    let mut parser = Parser {
        tokens,
        index: 0,
        nesting: 0,
        last_end: 0,
    };
    let node = parser.expression(0)?;
    match parser.peek() {
        Token::End => Ok(node),
        _ => Err(parser.unexpected("an operator or the end of the expression")),
    }
}

struct Parser {
    tokens: Vec<Spanned>,
    index: usize,
    /// How many `expression` calls are active: bounds the parser's own recursion.
    nesting: usize,
    /// Where the token `advance` consumed last ends.
    last_end: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        self.tokens
            .get(self.index + ahead)
            .or_else(|| self.tokens.last())
            .map_or(&Token::End, |spanned| &spanned.token)
    }

    fn position(&self) -> usize {
        self.tokens
            .get(self.index)
            .or_else(|| self.tokens.last())
            .map_or(0, |spanned| spanned.position)
    }

    /// Consumes the current token and returns it with its position.
    fn advance(&mut self) -> (Token, usize) {
        let position = self.position();
        let token = self.peek().clone();
        if let Some(spanned) = self.tokens.get(self.index) {
            self.last_end = spanned.end;
            self.index += 1;
        }
        (token, position)
    }

    fn error(&self, position: usize, kind: JmespathErrorKind) -> JmespathError {
        JmespathError::new(position, kind)
    }

    fn unexpected(&self, expected: &'static str) -> JmespathError {
        self.error(
            self.position(),
            JmespathErrorKind::UnexpectedToken {
                found: self.peek().describe(),
                expected,
            },
        )
    }

    fn expect(&mut self, token: &Token, expected: &'static str) -> Result<(), JmespathError> {
        if self.peek() == token {
            self.advance();
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    /// Builds a node, refusing one deeper than [`MAX_DEPTH`].
    fn node(&self, kind: NodeKind, position: usize) -> Result<Node, JmespathError> {
        let node = Node::new(kind);
        if node.depth > MAX_DEPTH {
            return Err(self.error(position, JmespathErrorKind::TooDeep { limit: MAX_DEPTH }));
        }
        Ok(node)
    }

    fn expression(&mut self, right_binding_power: u8) -> Result<Node, JmespathError> {
        if self.nesting >= MAX_DEPTH {
            return Err(self.error(
                self.position(),
                JmespathErrorKind::TooDeep { limit: MAX_DEPTH },
            ));
        }
        self.nesting += 1;
        let result = self.expression_inner(right_binding_power);
        self.nesting -= 1;
        result
    }

    fn expression_inner(&mut self, right_binding_power: u8) -> Result<Node, JmespathError> {
        let mut left = self.prefix()?;
        while right_binding_power < binding_power(self.peek()) {
            left = self.infix(left)?;
        }
        Ok(left)
    }

    /// A token that starts an expression.
    fn prefix(&mut self) -> Result<Node, JmespathError> {
        let (token, position) = self.advance();
        match token {
            Token::Identifier(name) if self.peek() == &Token::LeftParen => {
                self.call(name, position)
            }
            Token::Identifier(name) | Token::QuotedIdentifier(name) => {
                let span = position..self.last_end;
                self.node(NodeKind::Field { name, span }, position)
            }
            Token::RawString(text) => self.node(NodeKind::Literal(Value::String(text)), position),
            Token::Literal(value) => self.node(NodeKind::Literal(value), position),
            Token::At => self.node(NodeKind::Current, position),
            Token::Star => {
                let current = self.node(NodeKind::Current, position)?;
                self.object_projection(current, position)
            }
            Token::Flatten => {
                let current = self.node(NodeKind::Current, position)?;
                self.flatten(current, position)
            }
            Token::Filter => {
                let current = self.node(NodeKind::Current, position)?;
                self.filter(current, position)
            }
            Token::LeftBracket => {
                let current = self.node(NodeKind::Current, position)?;
                self.bracket(current, position)
            }
            Token::Not => {
                let operand = self.expression(binding_power(&Token::Not))?;
                self.node(NodeKind::Not(Box::new(operand)), position)
            }
            Token::LeftParen => {
                let inner = self.expression(0)?;
                self.expect(&Token::RightParen, "`)`")?;
                Ok(inner)
            }
            Token::LeftBrace => Err(self.error(
                position,
                JmespathErrorKind::Unsupported("multi-select hashes (`{...}`)"),
            )),
            Token::Ampersand => Err(self.error(
                position,
                JmespathErrorKind::Unsupported("expression references (`&expr`)"),
            )),
            other => Err(self.error(
                position,
                JmespathErrorKind::UnexpectedToken {
                    found: other.describe(),
                    expected: "an expression",
                },
            )),
        }
    }

    /// A token that continues the expression `left`.
    fn infix(&mut self, left: Node) -> Result<Node, JmespathError> {
        let (token, position) = self.advance();
        let power = binding_power(&token);
        match token {
            Token::Dot => {
                if self.peek() == &Token::Star {
                    self.advance();
                    return self.object_projection(left, position);
                }
                let right = self.dot_right_side(power)?;
                self.node(
                    NodeKind::Subexpression(Box::new(left), Box::new(right)),
                    position,
                )
            }
            Token::Pipe => {
                let right = self.expression(power)?;
                self.node(NodeKind::Pipe(Box::new(left), Box::new(right)), position)
            }
            Token::Or => {
                let right = self.expression(power)?;
                self.node(NodeKind::Or(Box::new(left), Box::new(right)), position)
            }
            Token::And => {
                let right = self.expression(power)?;
                self.node(NodeKind::And(Box::new(left), Box::new(right)), position)
            }
            Token::Compare(op) => {
                let right = self.expression(power)?;
                self.node(
                    NodeKind::Compare(op, Box::new(left), Box::new(right)),
                    position,
                )
            }
            Token::Flatten => self.flatten(left, position),
            Token::Filter => self.filter(left, position),
            Token::LeftBracket => self.bracket(left, position),
            Token::LeftParen => Err(self.error(
                position,
                JmespathErrorKind::UnexpectedToken {
                    found: "`(`".to_owned(),
                    expected: "an operator (only a plain function name can be called)",
                },
            )),
            Token::LeftBrace => Err(self.error(
                position,
                JmespathErrorKind::Unsupported("multi-select hashes (`{...}`)"),
            )),
            other => Err(self.error(
                position,
                JmespathErrorKind::UnexpectedToken {
                    found: other.describe(),
                    expected: "an operator",
                },
            )),
        }
    }

    /// After `[`: an index, or `*]` for a list projection.
    fn bracket(&mut self, left: Node, position: usize) -> Result<Node, JmespathError> {
        match (self.peek().clone(), self.peek_at(1).clone()) {
            (Token::Number(index), Token::RightBracket) => {
                let index_position = self.position();
                self.advance();
                self.advance();
                let index = self.node(NodeKind::Index(index), index_position)?;
                self.node(
                    NodeKind::Subexpression(Box::new(left), Box::new(index)),
                    position,
                )
            }
            (Token::Star, Token::RightBracket) => {
                self.advance();
                self.advance();
                let right = self.projection_right_side(binding_power(&Token::Star))?;
                self.node(
                    NodeKind::ListProjection(Box::new(left), Box::new(right)),
                    position,
                )
            }
            (Token::Number(_), Token::Colon) | (Token::Colon, _) => Err(self.error(
                position,
                JmespathErrorKind::Unsupported("slices (`[start:stop:step]`)"),
            )),
            (Token::Number(_), _) => {
                self.advance();
                Err(self.unexpected("`]` after the index"))
            }
            _ => Err(self.error(
                position,
                JmespathErrorKind::Unsupported("multi-select lists (`[a, b]`)"),
            )),
        }
    }

    fn flatten(&mut self, left: Node, position: usize) -> Result<Node, JmespathError> {
        let flattened = self.node(NodeKind::Flatten(Box::new(left)), position)?;
        let right = self.projection_right_side(binding_power(&Token::Flatten))?;
        self.node(
            NodeKind::ListProjection(Box::new(flattened), Box::new(right)),
            position,
        )
    }

    fn object_projection(&mut self, left: Node, position: usize) -> Result<Node, JmespathError> {
        let right = self.projection_right_side(binding_power(&Token::Star))?;
        self.node(
            NodeKind::ObjectProjection(Box::new(left), Box::new(right)),
            position,
        )
    }

    /// After `[?`: the condition, `]`, and the projected right side.
    fn filter(&mut self, left: Node, position: usize) -> Result<Node, JmespathError> {
        let condition = self.expression(0)?;
        self.expect(&Token::RightBracket, "`]` to close the filter")?;
        let right = self.projection_right_side(binding_power(&Token::Filter))?;
        self.node(
            NodeKind::FilterProjection {
                lhs: Box::new(left),
                condition: Box::new(condition),
                rhs: Box::new(right),
            },
            position,
        )
    }

    /// What a projection applies to each element; `@` when the next token ends it.
    fn projection_right_side(&mut self, power: u8) -> Result<Node, JmespathError> {
        let position = self.position();
        match self.peek() {
            token if binding_power(token) < PROJECTION_STOP => {
                self.node(NodeKind::Current, position)
            }
            Token::LeftBracket | Token::Filter => self.expression(power),
            Token::Dot => {
                self.advance();
                if self.peek() == &Token::Star {
                    let star = self.position();
                    self.advance();
                    let current = self.node(NodeKind::Current, star)?;
                    return self.object_projection(current, star);
                }
                self.dot_right_side(power)
            }
            _ => Err(self.unexpected("`.`, `[` or `[?` after a projection")),
        }
    }

    /// What may follow a `.`: an identifier or a function call.
    fn dot_right_side(&mut self, power: u8) -> Result<Node, JmespathError> {
        match self.peek() {
            Token::Identifier(_) | Token::QuotedIdentifier(_) => self.expression(power),
            Token::LeftBracket => Err(self.error(
                self.position(),
                JmespathErrorKind::Unsupported("multi-select lists (`[a, b]`)"),
            )),
            Token::LeftBrace => Err(self.error(
                self.position(),
                JmespathErrorKind::Unsupported("multi-select hashes (`{...}`)"),
            )),
            _ => Err(self.unexpected("an identifier or `*` after `.`")),
        }
    }

    /// `name(arg, ...)`; the name's position is `position`, `(` is next.
    fn call(&mut self, name: String, position: usize) -> Result<Node, JmespathError> {
        let Some(function) = Function::by_name(&name) else {
            return Err(self.error(position, JmespathErrorKind::UnsupportedFunction(name)));
        };
        self.advance();
        let mut args = Vec::new();
        if self.peek() != &Token::RightParen {
            loop {
                args.push(self.expression(0)?);
                match self.peek() {
                    Token::Comma => {
                        self.advance();
                    }
                    Token::RightParen => break,
                    _ => return Err(self.unexpected("`,` or `)` in the argument list")),
                }
            }
        }
        self.advance();
        if args.len() != function.arity() {
            return Err(self.error(
                position,
                JmespathErrorKind::WrongArgumentCount {
                    function: function.name(),
                    expected: function.arity(),
                    found: args.len(),
                },
            ));
        }
        self.node(NodeKind::Call(function, args), position)
    }
}
