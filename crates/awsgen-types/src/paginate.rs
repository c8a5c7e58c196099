//! Pagination (`smithy.api#paginated`): what a generator emits per paginated
//! operation so that a transport can drive the pages without knowing the model.

use crate::Operation;

/// A paginated operation: how to put a continuation token (and a page size)
/// into the input and read the next token out of the output.
pub trait Paginated: Operation {
    /// The token's type: a string for most services, a map for a few
    /// (DynamoDB's `ExclusiveStartKey`).
    type Token: Clone + PartialEq + Send + Sync + 'static;

    /// Sets (or clears) the input token member.
    fn set_input_token(input: &mut Self::Input, token: Option<Self::Token>);

    /// The input token member, as the caller set it (so a first page that
    /// hands the same token back is seen as a repeat).
    fn input_token(input: &Self::Input) -> Option<&Self::Token>;

    /// The output token at the `outputToken` path, if every step of the path is set.
    fn output_token(output: &Self::Output) -> Option<&Self::Token>;

    /// Whether a token counts as empty (an empty string or map), which ends
    /// the pagination like a missing one.
    fn token_is_empty(token: &Self::Token) -> bool;

    /// Sets the `pageSize` member; does nothing when the operation has none.
    fn set_page_size(_input: &mut Self::Input, _page_size: i32) {}

    /// Whether the operation has a `pageSize` member.
    const HAS_PAGE_SIZE: bool = false;
}

/// A paginated operation whose trait names `items`: the per-page collection
/// a caller usually wants flattened.
pub trait PaginatedItems: Paginated {
    /// One item: a list element, or a `(key, value)` pair of a map.
    type Item: Send + 'static;

    /// The items of one page (empty when the path is not set).
    fn items(output: Self::Output) -> Vec<Self::Item>;
}
