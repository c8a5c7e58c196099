//! Pagination (`smithy.api#paginated`): a stream of pages that feeds each
//! page's output token into the next request, and a stream of the items
//! of those pages.

use std::collections::VecDeque;
use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

use awsgen_types::{Operation, Paginated, PaginatedItems};
use futures_core::{FusedStream, Stream};

use crate::client::Client;
use crate::error::CallError;

/// One page, or the error that ended the pagination.
type Page<O> = Result<<O as Operation>::Output, CallError<<O as Operation>::Error>>;

/// One item, or the error that ended the pagination.
type Item<O> = Result<<O as PaginatedItems>::Item, CallError<<O as Operation>::Error>>;

type PageFuture<O> = Pin<Box<dyn Future<Output = Page<O>> + Send>>;

/// Why a paginator stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaginationStop {
    /// The last page had no output token, or an empty one.
    Exhausted,
    /// The last page's output token equals the token sent for it: the next
    /// request would fetch the same page again.
    RepeatedToken,
    /// A request failed; the error was the last item.
    Error,
}

impl Client {
    /// The pages of paginated operation `O`, starting with `input` as given
    /// (its token, if set, is sent as is). Nothing is sent until the first
    /// page is asked for.
    pub fn paginate<O: Paginated>(&self, input: O::Input) -> Paginator<O>
    where
        O::Input: Clone,
    {
        Paginator {
            client: self.clone(),
            input,
            next_token: None,
            started: false,
            in_flight: None,
            stop: None,
            pages: 0,
        }
    }
}

/// The pages of a paginated operation: [`next_page`](Self::next_page) or a
/// [`Stream`]. It ends after a page with no (or an empty) token, after a
/// page whose token repeats the one sent, and after an error.
pub struct Paginator<O: Paginated> {
    client: Client,
    input: O::Input,
    /// The token for the next request (unused for the first).
    next_token: Option<O::Token>,
    started: bool,
    /// The request in flight and the token it was sent with.
    in_flight: Option<(PageFuture<O>, Option<O::Token>)>,
    stop: Option<PaginationStop>,
    pages: u64,
}

// The request future is boxed and no field is pinned in place.
impl<O: Paginated> Unpin for Paginator<O> {}

impl<O: Paginated> Paginator<O>
where
    O::Input: Clone,
{
    /// Sets the page size of every request (the trait's `pageSize`
    /// member). Operations without one are left as they are. The value is
    /// sent as given: the service validates its range.
    pub fn page_size(mut self, page_size: i32) -> Self {
        if O::HAS_PAGE_SIZE {
            O::set_page_size(&mut self.input, page_size);
        }
        self
    }

    /// The next page; `None` once the pagination has stopped.
    pub async fn next_page(&mut self) -> Option<Page<O>> {
        poll_fn(|cx| self.poll_next_page(cx)).await
    }

    /// Why the pagination stopped; `None` while pages may follow.
    pub fn stop_reason(&self) -> Option<PaginationStop> {
        self.stop
    }

    /// Pages received so far.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// The items of every page, flattened.
    pub fn items(self) -> PaginatorItems<O>
    where
        O: PaginatedItems,
    {
        PaginatorItems {
            pages: self,
            buffered: VecDeque::new(),
        }
    }

    fn is_done(&self) -> bool {
        self.stop.is_some() && self.in_flight.is_none()
    }

    fn poll_next_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Page<O>>> {
        if self.is_done() {
            return Poll::Ready(None);
        }
        let (request, sent) = self.in_flight.get_or_insert_with(|| {
            let mut input = self.input.clone();
            let sent = if self.started {
                O::set_input_token(&mut input, self.next_token.clone());
                self.next_token.clone()
            } else {
                O::input_token(&input).cloned()
            };
            self.started = true;
            let client = self.client.clone();
            let request: PageFuture<O> = Box::pin(async move { client.call::<O>(input).await });
            (request, sent)
        });
        let Poll::Ready(page) = request.as_mut().poll(cx) else {
            return Poll::Pending;
        };
        let sent = sent.take();
        self.in_flight = None;
        match &page {
            Ok(output) => {
                self.pages += 1;
                match O::output_token(output) {
                    None => self.stop = Some(PaginationStop::Exhausted),
                    Some(token) if O::token_is_empty(token) => {
                        self.stop = Some(PaginationStop::Exhausted);
                    }
                    Some(token) if sent.as_ref() == Some(token) => {
                        self.stop = Some(PaginationStop::RepeatedToken);
                    }
                    Some(token) => self.next_token = Some(token.clone()),
                }
            }
            Err(_) => self.stop = Some(PaginationStop::Error),
        }
        Poll::Ready(Some(page))
    }
}

impl<O: Paginated> Stream for Paginator<O>
where
    O::Input: Clone,
{
    type Item = Page<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_next_page(cx)
    }
}

impl<O: Paginated> FusedStream for Paginator<O>
where
    O::Input: Clone,
{
    fn is_terminated(&self) -> bool {
        self.is_done()
    }
}

/// Shows progress only: the input may hold values the caller considers private.
impl<O: Paginated> fmt::Debug for Paginator<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("operation", &O::NAME)
            .field("pages", &self.pages)
            .field("in_flight", &self.in_flight.is_some())
            .field("stop", &self.stop)
            .finish_non_exhaustive()
    }
}

/// The items of every page of a paginated operation, in order:
/// [`next_item`](Self::next_item) or a [`Stream`]. A page error is
/// yielded once, after the items of the pages before it, and ends the stream.
pub struct PaginatorItems<O: PaginatedItems> {
    pages: Paginator<O>,
    buffered: VecDeque<O::Item>,
}

// Items are moved out of a heap buffer; nothing is pinned in place.
impl<O: PaginatedItems> Unpin for PaginatorItems<O> {}

impl<O: PaginatedItems> PaginatorItems<O>
where
    O::Input: Clone,
{
    /// The next item; `None` once every page has been read or an error was returned.
    pub async fn next_item(&mut self) -> Option<Item<O>> {
        poll_fn(|cx| self.poll_next_item(cx)).await
    }

    /// Why the pagination stopped; `None` while pages may follow.
    pub fn stop_reason(&self) -> Option<PaginationStop> {
        self.pages.stop_reason()
    }

    /// Pages received so far.
    pub fn pages(&self) -> u64 {
        self.pages.pages()
    }

    fn poll_next_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Item<O>>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            // Empty pages are skipped: the loop asks for the next one.
            match self.pages.poll_next_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(err))) => return Poll::Ready(Some(Err(err))),
                Poll::Ready(Some(Ok(output))) => self.buffered.extend(O::items(output)),
            }
        }
    }
}

impl<O: PaginatedItems> Stream for PaginatorItems<O>
where
    O::Input: Clone,
{
    type Item = Item<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_next_item(cx)
    }
}

impl<O: PaginatedItems> FusedStream for PaginatorItems<O>
where
    O::Input: Clone,
{
    fn is_terminated(&self) -> bool {
        self.buffered.is_empty() && self.pages.is_done()
    }
}

impl<O: PaginatedItems> fmt::Debug for PaginatorItems<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaginatorItems")
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .finish()
    }
}
