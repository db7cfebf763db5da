import Foundation
@_exported import TakeoffTestSupport
