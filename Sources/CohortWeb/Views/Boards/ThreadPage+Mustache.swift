import Mustache

// The thread page is the busiest page: naming each field here spares the template
// engine any reflection at all. A nil field answers `Absent` (see ReflectedView).

private func present(_ value: Any?) -> Any { value ?? Absent() }

extension ThreadPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "boardTitle": boardTitle
        case "boardHref": boardHref
        case "csrfToken": csrfToken
        case "isQuestion": isQuestion
        case "locked": locked
        case "pinned": pinned
        case "openingHTML": openingHTML
        case "repliesHTML": repliesHTML
        case "accepted": present(accepted)
        case "newCount": present(newCount)
        case "firstNewHref": present(firstNewHref)
        case "canReply": canReply
        case "canModerate": canModerate
        case "replyAction": replyAction
        case "replyParentId": replyParentId
        case "replyLabel": replyLabel
        case "draft": draft
        case "draftKey": draftKey
        case "peopleHref": peopleHref
        case "previewHTML": present(previewHTML)
        case "submissionKey": submissionKey
        case "error": present(error)
        case "watching": watching
        case "watchAction": watchAction
        case "pinAction": pinAction
        case "lockAction": lockAction
        case "moveAction": moveAction
        case "moveTargets": moveTargets
        case "maximumPostLength": maximumPostLength
        default: nil
        }
    }
}

extension ThreadPage.PostItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "anchor": anchor
        case "depthClass": depthClass
        case "authorName": authorName
        case "when": when
        case "edited": edited
        case "historyHref": historyHref
        case "isNew": isNew
        case "removedNote": present(removedNote)
        case "html": html
        case "helpfulCount": helpfulCount
        case "helpfulAction": present(helpfulAction)
        case "helpfulPressed": helpfulPressed
        case "replyHref": replyHref
        case "quoteHref": quoteHref
        case "editHref": present(editHref)
        case "deleteHref": present(deleteHref)
        case "hideAction": present(hideAction)
        case "unhideAction": present(unhideAction)
        case "flagAction": present(flagAction)
        case "acceptAction": present(acceptAction)
        case "acceptLabel": acceptLabel
        case "isAccepted": isAccepted
        case "inReplyTo": present(inReplyTo)
        case "isOpening": isOpening
        default: nil
        }
    }
}

extension ThreadPage.BoardOption: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "title": title
        default: nil
        }
    }
}

extension Layout: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "body": body
        case "person": present(person)
        case "nav": nav
        case "csrfToken": csrfToken
        case "flash": present(flash)
        case "narrow": narrow
        case "unreadNotices": present(unreadNotices)
        case "links": links
        default: nil
        }
    }
}

extension Layout.NavItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension Layout.Person: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "roleTitle": roleTitle
        default: nil
        }
    }
}

extension Layout.FlashView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "kind": kind
        case "role": role
        case "text": text
        case "link": present(link)
        default: nil
        }
    }
}
