//! SNS (awsQuery) against moto, through the client generated from the
//! official model.
//!
//! What moto 5.2.5 does, as asserted here:
//! - CreateTopic answers the topic's ARN and keeps the attributes (a map,
//!   `Attributes.entry.N.key`/`.value` in the form) and tags (a list,
//!   `Tags.member.N`) it was sent; GetTopicAttributes answers them back
//!   with the ones it adds (`TopicArn`, `Owner`);
//! - Publish with message attributes (a map of structures) answers a
//!   message ID;
//! - Publish to a topic it does not know is `NotFound` in an
//!   `<ErrorResponse>` body (its message says "Endpoint does not exist").

use std::collections::BTreeMap;

use sns::{
    CreateTopicInput, GetTopicAttributesError, GetTopicAttributesInput, ListTopicsInput,
    MessageAttributeValue, PublishError, PublishInput, Tag,
};

use crate::moto_server::Moto;
use crate::{client_for, ACCOUNT, REGION};

#[tokio::test(flavor = "current_thread")]
async fn sns_create_topic_and_publish_with_signatures_checked() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-sns", &["sns:*"]);
    moto.require_signatures();
    let sns = sns::Client::new(client_for(&moto, credentials));

    let attributes = BTreeMap::from([("DisplayName".to_owned(), "e2e & <topics>".to_owned())]);
    let created = sns
        .create_topic(
            CreateTopicInput::new("e2e-topic")
                .with_attributes(attributes)
                .with_tags(vec![Tag::new("team", "e2e"), Tag::new("stage", "test")]),
        )
        .await
        .unwrap_or_else(|e| panic!("CreateTopic: {e}"));
    let topic_arn = format!("arn:aws:sns:{REGION}:{ACCOUNT}:e2e-topic");
    assert_eq!(created.topic_arn.as_deref(), Some(topic_arn.as_str()));

    // The attributes as moto keeps them: ours, escaped both ways, and its own.
    let read = sns
        .get_topic_attributes(GetTopicAttributesInput::new(&topic_arn))
        .await
        .unwrap_or_else(|e| panic!("GetTopicAttributes: {e}"))
        .attributes
        .unwrap_or_default();
    assert_eq!(
        read.get("DisplayName").map(String::as_str),
        Some("e2e & <topics>"),
        "{read:?}"
    );
    assert_eq!(read.get("TopicArn"), Some(&topic_arn), "{read:?}");
    assert_eq!(
        read.get("Owner").map(String::as_str),
        Some(ACCOUNT),
        "{read:?}"
    );

    let listed = sns
        .list_topics(ListTopicsInput::new())
        .await
        .unwrap_or_else(|e| panic!("ListTopics: {e}"))
        .topics
        .unwrap_or_default();
    let arns: Vec<_> = listed.into_iter().filter_map(|t| t.topic_arn).collect();
    assert_eq!(arns, [topic_arn.clone()]);

    // Publish, with message attributes: a map of structures in the form.
    let mut message_attributes = BTreeMap::new();
    message_attributes.insert(
        "origin".to_owned(),
        MessageAttributeValue::new("String").with_string_value("e2e"),
    );
    message_attributes.insert(
        "count".to_owned(),
        MessageAttributeValue::new("Number").with_string_value("3"),
    );
    let published = sns
        .publish(
            PublishInput::new("hello from a generated awsQuery client")
                .with_topic_arn(&topic_arn)
                .with_subject("e2e")
                .with_message_attributes(message_attributes),
        )
        .await
        .unwrap_or_else(|e| panic!("Publish: {e}"));
    let id = published.message_id.unwrap_or_default();
    assert_eq!(id.len(), 36, "a message ID: {id:?}");

    // A topic moto does not know: SNS's NotFound, its typed variant.
    let missing = format!("arn:aws:sns:{REGION}:{ACCOUNT}:e2e-missing");
    let err = sns
        .publish(PublishInput::new("to nowhere").with_topic_arn(&missing))
        .await
        .expect_err("no such topic");
    assert_eq!(err.attempts(), 1, "{err}");
    match err.as_service() {
        Some(PublishError::NotFoundException(e)) => {
            assert_eq!(e.metadata().code.as_deref(), Some("NotFound"));
            // moto's words ("Endpoint does not exist"), read from <Message>.
            assert!(
                e.message
                    .as_deref()
                    .is_some_and(|m| m.ends_with("does not exist")),
                "{e:?}"
            );
            assert!(e.metadata().request_id.is_some(), "{e:?}");
        }
        _ => panic!("expected NotFound: {err:?}"),
    }
    let err = sns
        .get_topic_attributes(GetTopicAttributesInput::new(&missing))
        .await
        .expect_err("no such topic");
    assert!(
        matches!(
            err.as_service(),
            Some(GetTopicAttributesError::NotFoundException(_))
        ),
        "expected NotFound: {err:?}"
    );
}
